-- honest_om_week.lua — a week of scheduled operation and maintenance at a dyeing plant, no
-- fraud (no truth events). Every morning the O&M technician (card 0007) comes in, runs the
-- standard checks of the COD, NH3-N and TP analyzers under a work order and leaves; on
-- day 3 he calibrates the COD analyzer (the standard bottle holds what its label says, so the
-- level does not move); on day 5 he exchanges reagents (maintenance work order, 40 min in the
-- room). Lab comparison samples (daily, COD and NH3-N) agree with the analyzer.
scenario {
  name     = "honest: a week of scheduled O&M with work orders and lab comparisons",
  start    = "2022-03-07 00:00",
  duration = "7d",
  seed     = 101,
}

local fraud = require "fraud" -- time helpers only (fraud.time, fraud.format_minute)

local st = station {
  mn       = "33040001DYE0201",
  name     = "某印染公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 80 },
}

local WHO, CARD = "运维 张工", "0007"

-- a command at the panel; waits while a measurement is running, as the technician would
local function panel(an, cmd)
  for _ = 1, 60 do
    local ok, r = pcall(an.command, an, cmd)
    if ok and (r == nil or r == 0 or r == true) then return true end
    sleep("1m")
  end
  log("O&M: " .. cmd .. " refused for an hour")
  return false
end

local function visit(task, minutes, body)
  local t0 = fraud.time(nil)
  records.work_order { station = st, task = task, start = fraud.format_minute(t0),
    ["end"] = fraud.format_minute(t0 + minutes * 60), who = WHO }
  st:person_enters { who = WHO, card = CARD }
  body()
  local left = t0 + minutes * 60 - fraud.time(nil)
  if left > 0 then sleep(fraud.duration(left)) end
  st:person_leaves { who = WHO }
end

-- daily standard checks at 09:35 (after the 09:00 results: COD 30 min, NH3-N 16 min)
every("1d", function()
  visit("standard_check", 60, function()
    sleep("2m")
    panel(st.cod, "standard_check")
    panel(st.nh3n, "standard_check")
    sleep("8m")
    panel(st.tp, "standard_check") -- the TP cycle takes 40 min: checked after it
  end)
end, { from = "2022-03-07 09:35" })

-- day 3: COD calibration
at("2022-03-09 13:35", function()
  visit("calibration", 75, function()
    sleep("3m")
    panel(st.cod, "calibrate")
  end)
end)

-- day 5: reagent exchange (maintenance), the analyzers keep their schedule
at("2022-03-11 15:40", function()
  visit("maintenance", 40, function() end)
end)

-- lab comparison samples at 10:00, analysed in the lab: they agree with the effluent
-- (dyeing effluent means COD 150, NH3-N 8, within the lab's few per cent)
for d = 0, 6 do
  local day = fraud.format_minute(fraud.time("2022-03-07 10:00") + d * 86400)
  records.lab { station = st, param = "cod", time = day, value = math.floor(rand_normal(150, 6) * 10 + 0.5) / 10 }
  records.lab { station = st, param = "nh3n", time = day, value = math.floor(rand_normal(8, 0.3) * 100 + 0.5) / 100 }
end

-- v_honest_calibration_toc.lua — honest O&M at an electroplating plant with a TOC analyzer
-- (HJ 212-2025), no fraud, no truth events. Day 1 09:30 the O&M technician (card 0007)
-- comes in under a standard-check work order and runs standard checks of COD (TOC) and
-- NH3-N; day 2 13:30 he calibrates the COD analyzer under a calibration work order (the
-- bottle holds what its label says, so the level does not move). Lab comparison samples
-- (COD and NH3-N) taken on both days agree with the effluent. A detector should see:
-- door entries, analyzer status changes and C-flagged cycles, all inside work orders — no
-- red, at most a yellow.
scenario {
  name     = "variation honest: TOC analyzer standard check and calibration with work orders, lab agrees",
  start    = "2024-04-08 00:00",
  duration = "2d",
  seed     = 341,
}

local fraud = require "fraud" -- time helpers only

local st = station {
  mn       = "44030720240041",
  name     = "深圳某线路板电镀厂 废水排放口",
  protocol = "2025",
  plant    = { profile = "electroplating", flow_m3h = 20, effluent = { cod = 50, nh3n = 8 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

local WHO, CARD = "运维 陈工", "0007"

local function panel(an, cmd)
  for _ = 1, 60 do
    local ok, r = pcall(an.command, an, cmd)
    if ok and (r == nil or r == 0 or r == true) then return true end
    sleep("1m")
  end
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

at("2024-04-08 09:30", function()
  visit("standard_check", 60, function()
    sleep("3m")
    panel(st.cod, "standard_check")
    panel(st.nh3n, "standard_check")
  end)
end)

at("2024-04-09 13:30", function()
  visit("calibration", 80, function()
    sleep("5m")
    panel(st.cod, "calibrate")
  end)
end)

records.lab { station = st, param = "cod", time = "2024-04-08 11:00", value = 51.2 }
records.lab { station = st, param = "nh3n", time = "2024-04-08 11:00", value = 7.9 }
records.lab { station = st, param = "cod", time = "2024-04-09 16:00", value = 48.6 }

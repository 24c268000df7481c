-- h_honest_om_calibration.lua — holdout, honest (no truth events): two days of scheduled
-- O&M at a TOC-analyzer chemical plant, HJ 212-2025. Every morning at 09:25 the O&M
-- technician (card 0007) runs standard checks of COD/TOC, NH3-N and TP under a work order;
-- on day 1 at 14:25 he recalibrates the TOC analyzer with a correct standard and on day 2
-- at 13:00 he exchanges reagents and cleans the sample cup (maintenance, 50 min, the DAU
-- flags the data M for that time). Lab comparison samples agree with the analyzers.
-- A detector should raise nothing red: every entry, calibration and flag is covered by a
-- work order.
scenario {
  name     = "honest holdout: chemical plant, standard checks, calibration, maintenance, 2025",
  start    = "2023-06-12 00:00",
  duration = "2d",
  seed     = 561,
}

local fraud = require "fraud" -- time helpers only

local st = station {
  mn        = "32050600000161",
  name      = "苏州吴中某化工有限公司 污水排放口",
  protocol  = "2025",
  plant     = { profile = "chemical", flow_m3h = 45 },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

local WHO, CARD = "运维 张工", "0007"

local function panel(an, cmd)
  for _ = 1, 50 do
    local ok, r = pcall(an.command, an, cmd)
    if ok and (r == nil or r == true) then return true end
    sleep("1m")
  end
  log("O&M: " .. cmd .. " refused")
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

every("1d", function()
  visit("standard_check", 60, function()
    sleep("2m")
    panel(st.cod, "standard_check")
    panel(st.nh3n, "standard_check")
    sleep("10m")
    panel(st.tp, "standard_check")
  end)
end, { from = "2023-06-12 09:25" })

at("2023-06-12 14:25", function()
  visit("calibration", 45, function()
    sleep("3m")
    panel(st.cod, "calibrate")
  end)
end)

at("2023-06-13 13:00", function()
  visit("maintenance", 50, function()
    st.dau:flag("w01018", "M")
    st.dau:flag("w21003", "M")
    st.dau:flag("w21011", "M")
    sleep("48m")
    st.dau:flag("w01018", nil)
    st.dau:flag("w21003", nil)
    st.dau:flag("w21011", nil)
  end)
end)

-- lab comparison samples (they agree with the true effluent within a few per cent)
records.lab { station = st, param = "cod", time = "2023-06-12 10:30", value = 204 }
records.lab { station = st, param = "nh3n", time = "2023-06-12 10:30", value = 13.8 }
records.lab { station = st, param = "cod", time = "2023-06-13 10:30", value = 221 }

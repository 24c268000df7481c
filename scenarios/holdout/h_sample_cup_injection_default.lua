-- h_sample_cup_injection_default.lua — holdout: sample-cup injection with the library's
-- defaults (only `at`). A dyeing plant running close to its COD limit (effluent mean 185,
-- limit 200). At about 10:37 an operator swipes his card, at 10:40 pours 150 ml of tap
-- water into the COD analyzer's sample cup and restarts the measurement, leaves at 10:42.
-- A detector should see: a door entry, an extra (manual) COD cycle off the hourly
-- schedule, a one-cycle drop of about 60 % then the rebound, the hourly mean pulled down.
scenario {
  name     = "holdout: dyeing plant, sample-cup injection (library defaults)",
  start    = "2024-05-14 00:00",
  duration = "1d",
  seed     = 501,
}

local fraud = require "fraud"

local st = station {
  mn       = "33062100000101",
  name     = "绍兴柯桥某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 90, effluent = { cod = 185 } },
  limits   = { cod = 200, nh3n = 20, tp = 1.5, ph = { 6, 9 } },
}

fraud.sample_cup_injection(st, { at = "10:40" })

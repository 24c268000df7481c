-- v_sample_cup_small_ml.lua — low-intensity sample-cup injection. A chemical plant that runs
-- close to its COD limit (500, effluent mean 470) with a dichromate COD analyzer (30-min
-- measurement, result about :30). Twice, just after an hourly result, an employee enters
-- with his card, pours only 40 ml of tap water into the 100 ml cup (a drop of about 29 %,
-- not the usual 60 %) and restarts the measurement. A detector should see: an extra,
-- manual measurement in the hour (state/SampleTime off schedule), a one-cycle drop of
-- roughly a third and a rebound, a card entry a few minutes before.
scenario {
  name     = "variation: chemical plant, COD analyzer, 40 ml sample-cup injection twice",
  start    = "2023-05-22 00:00",
  duration = "2d",
  seed     = 301,
}

local fraud = require "fraud"

local st = station {
  mn       = "32058320230001",
  name     = "苏州某精细化工有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "chemical", flow_m3h = 45, effluent = { cod = 470, nh3n = 20 } },
  limits   = { cod = 500, nh3n = 45, tp = 8, ph = { 6, 9 } },
  analyzers = { cod = "cod", nh3n = true, tp = true, ph = true },
}

fraud.sample_cup_injection(st, { at = "2023-05-22 11:35", param = "cod", ml = 40, who = "车间 员工", card = "0042" })
fraud.sample_cup_injection(st, { at = "2023-05-23 16:36", param = "cod", ml = 40, who = "车间 员工", card = "0042" })

-- v_sample_cup_early_toc.lua — sample-cup injection in the first hours of the run (the
-- baselines are a few hours old) and at night. An electroplating plant whose COD (TOC
-- analyzer, COD = k·TOC, 8-min measurement, result about :08) runs just over its limit
-- of 80. At 02:20 and 04:20 on day 1 someone without a card (forced entry) covers the
-- station camera, pours 150 ml of tap water into the cup and restarts the measurement.
-- HJ 212-2025. A detector should see: a second, manual result in the hour at less than
-- half, the hourly mean pulled under 80, a forced door entry and a covered camera
-- minutes before.
scenario {
  name     = "variation: electroplating, TOC analyzer, night cup injection in the first hours",
  start    = "2024-03-11 00:00",
  duration = "1d",
  seed     = 302,
}

local fraud = require "fraud"

local st = station {
  mn       = "44030620240002",
  name     = "深圳某电镀有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "electroplating", flow_m3h = 18, effluent = { cod = 86, nh3n = 9, tp = 0.6 } },
  limits   = { cod = 80, nh3n = 15, tp = 1.0, ph = { 6, 9 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

for _, t in ipairs({ "2024-03-11 02:20", "2024-03-11 04:20" }) do
  fraud.sample_cup_injection(st, { at = t, param = "cod", analyzer = "toc", ml = 150, who = "夜班 员工",
    card = false, camera = { which = "station", how = "cover" } })
end

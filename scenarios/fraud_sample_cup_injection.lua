-- fraud_sample_cup_injection.lua — dyeing plant near its COD limit (200), dichromate COD
-- analyzer (a measurement takes 30 min). Twice an operator comes in after an hourly result,
-- pours tap water into the sample cup and restarts the measurement, so that the next hourly
-- value is a manual one at less than half the level. Day 2 he has no card and follows the
-- cleaner in (forced / tailgated entry) and turns the station camera away first.
scenario {
  name     = "dyeing plant, COD analyzer, sample-cup injection twice",
  start    = "2022-03-14 00:00",
  duration = "2d",
  seed     = 11,
}

local fraud = require "fraud"

local st = station {
  mn       = "33040001DYE0002",
  name     = "嘉兴某印染公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 90, effluent = { cod = 195, nh3n = 9 } },
  limits   = { cod = 200, nh3n = 20, tp = 1.5, ph = { 6, 9 } },
  analyzers = { cod = "cod", nh3n = true, tp = true, ph = true },
}

fraud.sample_cup_injection(st, { at = "2022-03-14 10:35", param = "cod", ml = 150, restart = true })
fraud.sample_cup_injection(st, {
  at = "2022-03-15 15:36", param = "cod", ml = 200, restart = true,
  who = "worker", card = false, camera = { which = "station", how = "turn", pan = 90 },
})

-- h_sample_cup_injection_toc_2025_forced.lua — holdout: sample-cup injection at a TOC
-- analyzer (reports COD = k·TOC + b; an 8-min cycle), HJ 212-2025, a plant that often
-- goes just over its COD limit of 200 (effluent mean 198).
--   day 1 01:20  (first hours of the run) forced entry (no card), station camera turned
--                90° a minute before, 120 ml of tap water poured in two pours, restart
--   day 2 15:20  card 0044, 180 ml, no camera act
-- A detector should see: an extra TOC cycle in the hour, a one-cycle drop of more than
-- half and the rebound, the hourly mean pulled under 200; a door event (forced on day 1,
-- with the station camera off its preset) within minutes before.
scenario {
  name     = "holdout: dyeing plant, TOC sample cup, 2025, forced entry in the first hours",
  start    = "2025-06-09 00:00",
  duration = "2d",
  seed     = 521,
}

local fraud = require "fraud"

local st = station {
  mn        = "33050200000121",
  name      = "湖州某印染有限公司 废水总排口",
  protocol  = "2025",
  plant     = { profile = "dyeing", flow_m3h = 110, effluent = { cod = 198 } },
  limits    = { cod = 200 },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

fraud.sample_cup_injection(st, { at = "01:20", analyzer = "toc", ml = 60, pours = 2, card = false,
  camera = { which = "station", how = "turn", pan = 90 } })
fraud.sample_cup_injection(st, { at = "2025-06-10 15:20", analyzer = "toc", ml = 180, card = "0044",
  who = "车间主任" })

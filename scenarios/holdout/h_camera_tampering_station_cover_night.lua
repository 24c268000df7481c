-- h_camera_tampering_station_cover_night.lua — holdout: the station-room camera covered
-- from 23:00 to 04:00 (over midnight) by someone entering without a card; it is uncovered
-- at 04:00 the same way. Dyeing plant, TOC analyzer, HJ 212-2025. Nothing else is done.
-- A detector should see: forced entries at 23:00 and 04:00, the station camera covered
-- for 5 h (video lost at night), normal data.
scenario {
  name     = "holdout: dyeing plant, station camera covered overnight, forced entry, 2025",
  start    = "2025-01-13 00:00",
  duration = "2d",
  seed     = 526,
}

local fraud = require "fraud"

local st = station {
  mn        = "33010900000126",
  name      = "杭州萧山某印染有限公司 废水总排口",
  protocol  = "2025",
  plant     = { profile = "dyeing", flow_m3h = 95 },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

fraud.camera_tampering(st, { at = "2025-01-13 23:00", duration = "5h", which = "station", how = "cover",
  card = false })

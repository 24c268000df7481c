-- fraud_transmission_cut.lua — electroplating plant, HJ 212-2025: at 20:00 someone pulls
-- the power of the station room's instruments (DAU off line, analyzers stopped, station
-- camera dark) for four hours while the treatment runs at 30 %; the plant discharges over
-- the limit meanwhile, and the values before and after the gap are high.
scenario {
  name     = "electroplating plant, station power cut during a high discharge",
  start    = "2023-09-04 00:00",
  duration = "2d",
  seed     = 47,
}

local fraud = require "fraud"

local st = station {
  mn       = "32050001ELP0003",
  name     = "某电镀公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "electroplating", flow_m3h = 20 },
}

fraud.transmission_cut(st, { at = "2023-09-04 20:00", duration = "4h", method = "power", treatment = 0.3,
  who = "worker", card = "0031" })

-- h_transmission_cut_power_discharge.lua — holdout: station-room power cut (analyzers
-- stopped, station camera dark, DAU link down) from 23:30 for 5 h while the plant runs its
-- treatment at 20 %, entry without a card. Electroplating, HJ 212-2017.
-- A detector should see: no analyzer results for 5 h at night, the station camera
-- without video, a forced entry, and high values right after the link returns.
scenario {
  name     = "holdout: electroplating plant, power cut while discharging",
  start    = "2020-06-15 00:00",
  duration = "2d",
  seed     = 535,
}

local fraud = require "fraud"

local st = station {
  mn       = "32041100000135",
  name     = "常州某电镀有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "electroplating", flow_m3h = 22 },
}

fraud.transmission_cut(st, { at = "23:30", duration = "5h", method = "power", treatment = 0.2, card = false })

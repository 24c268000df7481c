-- v_night_discharge_nohose.lua — night discharge without faking the sample: an
-- electroplating plant (HJ 212-2017) turns the outfall camera away at 00:20 on two nights,
-- and from 00:30 for 3 hours switches off the blower by hand, runs treatment at 0 and
-- production at 1.6×. Nothing is done in the station room. A detector should see: flow
-- ×1.6 at night, treatment currents at or near zero while production current is high,
-- COD/NH3-N/TP and pH (acidic raw water) rising toward the raw water, the outfall camera
-- 120° off its preset from 10 min before; the same on the second night.
scenario {
  name     = "variation: electroplating, night discharge two nights, no hose swap",
  start    = "2022-12-05 00:00",
  duration = "3d",
  seed     = 312,
}

local fraud = require "fraud"

local st = station {
  mn       = "32041220220015",
  name     = "常州某电镀有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "electroplating", flow_m3h = 22 },
}

fraud.night_discharge(st, { at = "2022-12-06 00:30", duration = "3h", treatment = 0, production = 1.6,
  hose = false, turn_camera = true, facilities_off = { "blower" }, days = 2 })

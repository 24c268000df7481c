-- jiaxing_pvc_dilution.lua — after the Jiaxing 2022 case: a hidden PVC pipe brings tap water
-- to the sampling point of a dyeing plant that discharges over its COD limit. From the
-- morning of day 1 to the end of the run 35 m³/h of tap water join 90 m³/h of effluent:
-- every parameter falls by the same factor (≈ 0.28), long and flat; pH and conductivity move
-- toward tap water; the flow meter, downstream of the pipe, reads the sum.
scenario {
  name     = "Jiaxing: hidden PVC pipe diluting at the sampling point",
  start    = "2022-04-11 00:00",
  duration = "3d",
  seed     = 2204,
}

local fraud = require "fraud"

local st = station {
  mn       = "33040001DYE0102",
  name     = "嘉兴某印染公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 90, effluent = { cod = 245, nh3n = 14, tp = 1.3 } },
  limits   = { cod = 200, nh3n = 20, tp = 1.5, ph = { 6, 9 } },
}

fraud.tap_water_dilution(st, { at = "2022-04-11 09:40", m3h = 35, source = "tap", hidden = true,
  note = "PVC pipe from the tap water main, hidden under the cover plate of the sampling well" })

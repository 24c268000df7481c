-- h_camera_tampering_default.lua — holdout: camera tampering with the library's defaults:
-- the outfall camera is turned 120° off its preset from 14:00 for 2 h (remote PTZ), nothing
-- else happens. A detector should see the camera's preset deviation for 2 h (a V signal
-- alone; the data stay normal).
scenario {
  name     = "holdout: electroplating plant, outfall camera turned (library defaults)",
  start    = "2024-08-20 00:00",
  duration = "1d",
  seed     = 505,
}

local fraud = require "fraud"

local st = station {
  mn       = "44030600000105",
  name     = "深圳宝安某电镀有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "electroplating", shifts = { "07:30-22:30" } },
}

fraud.camera_tampering(st, { at = "14:00", duration = "2h" })

-- h_tap_water_dilution_default.lua — holdout: tap-water dilution with the library's
-- defaults: from 20:00 on day 1 for 10 h, 25 m³/h of tap water through a hidden pipe into
-- the channel at the sampling point of a food plant discharging about 30 m³/h.
-- A detector should see: COD, NH3-N and TP fall together by the same factor (~45 %),
-- conductivity and pH toward tap water, the measured flow up (meter downstream), for
-- 10 h flat; nothing in the door or the cameras.
scenario {
  name     = "holdout: food plant, tap-water dilution (library defaults)",
  start    = "2023-09-05 00:00",
  duration = "2d",
  seed     = 502,
}

local fraud = require "fraud"

local st = station {
  mn       = "37068200000102",
  name     = "烟台某食品有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "food" },
}

fraud.tap_water_dilution(st, { at = "+20h", duration = "10h" })

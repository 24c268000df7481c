-- v_dilution_small_municipal.lua — low-intensity tap-water dilution at a large municipal
-- plant (2000 m³/h, COD limit 50, effluent COD 44 running close to it). Over midnight,
-- 21:00 to 09:00, a hidden pipe adds 350 m³/h of tap water at the sampling point: about
-- 15 % of the flow, so every parameter falls by roughly 15 % together and the measured
-- flow rises by the same share (the meter is downstream). HJ 212-2017, 3 days so the
-- normal nights before and after are there for comparison. A detector should see: COD,
-- NH3-N, TP and TN falling by the same factor, conductivity toward tap water, flow up at
-- night against the city's usual night minimum; no door, no camera.
scenario {
  name     = "variation: municipal plant, small hidden dilution over midnight",
  start    = "2021-11-08 00:00",
  duration = "3d",
  seed     = 304,
}

local fraud = require "fraud"

local st = station {
  mn       = "33010920210005",
  name     = "杭州某城镇污水处理厂 出水口",
  protocol = "2017",
  plant    = { profile = "municipal", flow_m3h = 2000, effluent = { cod = 44, nh3n = 3.5, tp = 0.4, tn = 13 } },
}

fraud.tap_water_dilution(st, { at = "2021-11-09 21:00", duration = "12h", m3h = 350 })

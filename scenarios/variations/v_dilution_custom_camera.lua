-- v_dilution_custom_camera.lua — dilution with river water (not tap water) on two nights,
-- the outfall camera turned away five minutes before each time. A dyeing plant (TOC
-- analyzer, COD limit 200, effluent COD 185) pumps 50 m³/h of canal water (COD 18,
-- NH3-N 0.8, TP 0.15, pH 7.4) into its 90 m³/h channel from 20:00 for 9 hours, two
-- nights running (library, days = 2). HJ 212-2017. A detector should see: all parameters
-- falling by the same factor (~0.64) toward a non-tap water, conductivity down, flow up
-- by half, and the outfall camera off its preset from 19:55 each night.
scenario {
  name     = "variation: dyeing plant, TOC, canal-water dilution two nights, outfall camera turned",
  start    = "2022-06-20 00:00",
  duration = "3d",
  seed     = 306,
}

local fraud = require "fraud"

local st = station {
  mn       = "33060320220007",
  name     = "绍兴柯桥某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 90, effluent = { cod = 185, nh3n = 10 } },
  limits   = { cod = 200, nh3n = 20, tp = 1.5, ph = { 6, 9 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

fraud.tap_water_dilution(st, { at = "2022-06-21 20:00", duration = "9h", m3h = 50, days = 2,
  source = "custom", water = { cod = 18, nh3n = 0.8, tp = 0.15, ph = 7.4, cond = 450 },
  camera = { which = "outfall", how = "turn", pan = 100 } })

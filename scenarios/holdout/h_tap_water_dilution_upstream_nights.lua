-- h_tap_water_dilution_upstream_nights.lua — holdout: tap-water dilution on two nights,
-- 22:00–07:00 (over midnight), 18 m³/h into a dyeing plant of 75 m³/h, the flow meter
-- UPSTREAM of the hidden pipe (it does not see the added water), the outfall camera turned
-- away 5 min before each opening. HJ 212-2025.
-- A detector should see: all concentrations falling by the same factor (~20 %) and pH /
-- conductivity toward tap water, flow NOT rising, the outfall camera off its preset.
scenario {
  name     = "holdout: dyeing plant, night dilution with the flow meter upstream, 2025",
  start    = "2024-10-14 00:00",
  duration = "2d",
  seed     = 523,
}

local fraud = require "fraud"

local st = station {
  mn         = "33068100000123",
  name       = "诸暨某印染有限公司 废水总排口",
  protocol   = "2025",
  plant      = { profile = "dyeing", flow_m3h = 75 },
  flow_meter = "upstream",
}

fraud.tap_water_dilution(st, { at = "22:00", duration = "9h", m3h = 18, days = 2, camera = true })

-- fraud_tap_water_dilution.lua — electroplating plant (20 m³/h), HJ 212-2025. A hidden
-- pipe feeds 15 m³/h of tap water into the channel at the sampling point from the evening
-- of day 1 for 14 hours: every parameter falls by the same factor (f ≈ 0.43), pH and
-- conductivity move toward tap water, the flow meter (downstream) reads more.
scenario {
  name     = "electroplating plant, tap water dilution overnight",
  start    = "2023-05-09 00:00",
  duration = "2d",
  seed     = 23,
}

local fraud = require "fraud"

local st = station {
  mn       = "32050001ELP0001",
  name     = "某电镀园区企业 废水排放口",
  protocol = "2025",
  plant    = { profile = "electroplating", flow_m3h = 20 },
}

fraud.tap_water_dilution(st, { at = "+18h", duration = "14h", m3h = 15, hidden = true })

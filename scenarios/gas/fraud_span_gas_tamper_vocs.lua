-- fraud_span_gas_tamper_vocs.lua — at a chemical plant's VOCs outlet the GC-FID's span
-- cylinder (labelled THC 50, CH4 20 mg/m3 as C) is swapped for one holding 1.6 times that,
-- and the analyzer is calibrated on it at once, under a routine work order: THC, CH4 and
-- NMHC read 1/1.6 of the truth until the right cylinder is back the next morning.
scenario {
  name     = "fraud: GC-FID span cylinder stronger than its label",
  start    = "2024-06-17 00:00",
  duration = "1d",
  seed     = 52,
}

local st = station {
  kind  = "vocs",
  mn    = "33040001CHM0101",
  name  = "某化工公司 RTO 排口",
  plant = { profile = "chemical_vocs", load = 0.8 },
  limits = { nmhc = 60 },
  analyzers = { nmhc = true },
}
local fraud = require "fraud"

fraud.span_gas_tamper(st, { at = "09:00", duration = "12h", param = "nmhc", factor = 1.6, calibrate = true })

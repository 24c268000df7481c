-- fraud_span_gas_tamper.lua — the SO2 span cylinder labelled 160 mg/m3 is swapped for one holding
-- 240 (x1.5) under a routine work order; the 02:00 automatic calibration then sets the analyzer
-- to read two thirds of the truth for the rest of the run.
scenario {
  name     = "fraud: span cylinder stronger than its label",
  start    = "2024-11-04 00:00",
  duration = "2d",
  seed     = 43,
}

local st = station {
  kind  = "gas",
  mn    = "33040001PWR0103",
  name  = "某热电公司 4#锅炉排口",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}
local fraud = require "fraud"

fraud.span_gas_tamper(st, { at = "15:00", param = "so2", factor = 1.5 })

-- fraud_probe_dilution.lua — a coal boiler's CEMS with an extractive O2 analyzer: in the
-- evening the operator loosens the sampling pump's inlet fitting so that ambient air makes up
-- 35 % of the sample; SO2, NOx and CO fall alike, O2 rises toward 20.9 with no change of load
-- or fan current, and the converted values fall less than the measured ones (the conversion
-- undoes most of the dilution: fraud_probe_dilution_insitu.lua is the case that pays).
scenario {
  name     = "fraud: probe dilution at a coal boiler",
  start    = "2024-11-04 00:00",
  duration = "1d",
  seed     = 41,
}

local st = station {
  kind  = "gas",
  mn    = "33040001PWR0101",
  name  = "某热电公司 2#锅炉排口",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "extractive", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}
local fraud = require "fraud"

fraud.probe_dilution(st, { at = "16:00", duration = "6h", air = 0.35, where = "pump" })

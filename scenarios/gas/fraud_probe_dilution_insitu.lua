-- fraud_probe_dilution_insitu.lua — probe dilution where it pays: the O2 is measured in situ
-- in the stack, so the air let into the extracted sample (35 %) does not reach it; SO2, NOx
-- and CO and their converted values fall one for one, O2 stays with the load.
scenario {
  name     = "fraud: probe dilution at a coal boiler with in-situ O2",
  start    = "2024-11-04 00:00",
  duration = "1d",
  seed     = 51,
}

local st = station {
  kind  = "gas",
  mn    = "33040001PWR0111",
  name  = "某热电公司 12#锅炉排口",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}
local fraud = require "fraud"

fraud.probe_dilution(st, { at = "16:00", duration = "6h", air = 0.35, where = "pump" })

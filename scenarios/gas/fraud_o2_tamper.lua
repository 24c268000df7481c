-- fraud_o2_tamper.lua — a coal boiler whose O2 analyzer is extractive: a zero-gas (N2) line is
-- teed onto the O2 cell so that it reads 30 % low; the converted SO2, NOx and dust fall though
-- nothing at the stack changed.
scenario {
  name     = "fraud: O2 cell fed zero gas at a coal boiler",
  start    = "2024-11-04 00:00",
  duration = "1d",
  seed     = 42,
}

local st = station {
  kind  = "gas",
  mn    = "33040001PWR0102",
  name  = "某热电公司 3#锅炉排口",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "extractive", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}
local fraud = require "fraud"

fraud.o2_tamper(st, { at = "10:00", duration = "8h", method = "zero_gas", share = 0.3 })

-- fraud_bypass_flue.lua — half the flue gas is sent up the bypass flue from the control room for
-- six hours: the monitored flow halves against the fan current and the load.
scenario {
  name     = "fraud: bypass flue opened at a coal boiler",
  start    = "2024-11-04 00:00",
  duration = "1d",
  seed     = 48,
}

local st = station {
  kind  = "gas",
  mn    = "33040001PWR0108",
  name  = "某热电公司 9#锅炉排口",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}
local fraud = require "fraud"

fraud.bypass_flue(st, { at = "16:00", duration = "6h", share = 0.5 })

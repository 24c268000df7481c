-- fraud_flow_param_tamper.lua — the flue monitor's pitot factor is lowered from 0.84 to 0.55 at its
-- panel: the reported flow (and every load in kg) steps down by a third while the fan current,
-- the load and the concentrations stay.
scenario {
  name     = "fraud: pitot factor lowered at the flue monitor",
  start    = "2024-11-04 00:00",
  duration = "1d",
  seed     = 47,
}

local st = station {
  kind  = "gas",
  mn    = "33040001PWR0107",
  name  = "某热电公司 8#锅炉排口",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}
local fraud = require "fraud"

fraud.flow_param_tamper(st, { at = "09:00", duration = "10h", setting = "kp", value = 0.55 })

-- fraud_heat_trace_off.lua — at night the probe's and line's heaters are switched off: the
-- sample cools below its dew point, the condensate dissolves SO2 (it falls far) while NOx
-- falls little; the heated-line temperature i33001 leaves its band.
scenario {
  name     = "fraud: heated line switched off",
  start    = "2024-11-04 00:00",
  duration = "1d",
  seed     = 44,
}

local st = station {
  kind  = "gas",
  mn    = "33040001PWR0104",
  name  = "某热电公司 5#锅炉排口",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}
local fraud = require "fraud"

fraud.heat_trace_off(st, { at = "17:00", duration = "5h", how = "heat" })

-- fraud_common_at_gas.lua — the water side's common types at a coal boiler, one after another
-- on one day: the SO2 analyzer's slope lowered at its panel, the DAU capping NOx under its
-- limit, SO2 and NOx flagged M at the DAU, the link cut, the SO2 output frozen, and the
-- outfall camera turned. Six truth events; GAS.md: "the water side's common types apply to
-- gas stations too".
scenario {
  name     = "fraud: the common types at a coal boiler",
  start    = "2024-11-04 00:00",
  duration = "1d",
  seed     = 64,
}

local st = station {
  kind  = "gas",
  mn    = "33040001PWR0301",
  name  = "某热电公司 10#锅炉排口",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}
local fraud = require "fraud"

fraud.analyzer_param_tamper(st, { at = "03:00", duration = "3h", param = "so2", setting = "slope", value = 0.6 })
fraud.dau_tamper(st, { at = "07:00", duration = "3h", codes = { "nox" }, mode = "scale", factor = 0.6 })
fraud.false_flag(st, { at = "11:00", duration = "2h", codes = { "so2", "nox" }, flag = "M" })
fraud.transmission_cut(st, { at = "14:00", duration = "2h", method = "power" })
fraud.frozen_value(st, { at = "17:00", duration = "2h", param = "so2", value = 12 })
fraud.camera_tampering(st, { at = "20:00", duration = "2h", which = "outfall" })

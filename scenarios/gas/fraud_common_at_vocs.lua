-- fraud_common_at_vocs.lua — the common types at a chemical plant's VOCs outlet, one after
-- another on one day: the GC-FID's THC slope lowered at its panel, the RTO switched off
-- (treatment_stopped), NMHC flagged D at the DAU, and the GC-FID stopped with its last value
-- left standing. Four truth events.
scenario {
  name     = "fraud: the common types at a VOCs outlet",
  start    = "2024-06-17 00:00",
  duration = "1d",
  seed     = 65,
}

local st = station {
  kind  = "vocs",
  mn    = "33040001CHM0301",
  name  = "某化工公司 2# RTO 排口",
  plant = { profile = "chemical_vocs", load = 0.8 },
  limits = { nmhc = 60 },
  analyzers = { nmhc = true },
}
local fraud = require "fraud"

fraud.analyzer_param_tamper(st, { at = "04:00", duration = "4h", setting = "thc_slope", value = 0.6 })
fraud.treatment_stopped(st, { at = "10:00", duration = "3h" })
fraud.false_flag(st, { at = "15:00", duration = "2h", flag = "D" })
fraud.frozen_value(st, { at = "19:00", duration = "3h", method = "stop" })

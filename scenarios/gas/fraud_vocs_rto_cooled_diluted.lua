-- fraud_vocs_rto_cooled_diluted.lua — a coating line saves fuel on its RTO (set point 600 °C
-- for the day shift) and hides what that lets through by diluting the NMHC sample with
-- ambient air (60 %) over the same hours. Two truth events: rto_bypass, vocs_dilution.
scenario {
  name     = "drill: VOCs with the RTO cooled and NMHC diluted",
  start    = "2024-06-17 00:00",
  duration = "1d",
  seed     = 63,
}

local st = station {
  kind  = "vocs",
  mn    = "33040001VOC0201",
  name  = "某汽车零部件公司 涂装 RTO 排口（演练）",
  plant = { profile = "coating_vocs", load = 0.8, flue_nm3h = 40000 },
  limits = { nmhc = 60 },
  analyzers = { nmhc = true },
}
local fraud = require "fraud"

fraud.rto_bypass(st, { at = "08:00", duration = "10h", temp_c = 600 })
fraud.vocs_dilution(st, { at = "08:30", duration = "9h", air = 0.6 })

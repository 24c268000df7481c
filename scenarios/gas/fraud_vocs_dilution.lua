-- fraud_vocs_dilution.lua — a coating line's RTO outlet: the operator opens a tee on the NMHC
-- sample line to ambient air (70 % of the sample) during the afternoon shift; NMHC and CH4 fall
-- toward the ambient background together.
scenario {
  name     = "fraud: NMHC sample diluted with ambient air",
  start    = "2024-06-17 00:00",
  duration = "1d",
  seed     = 49,
}

local st = station {
  kind  = "vocs",
  mn    = "33040001VOC0101",
  name  = "某汽车零部件公司 2#涂装 RTO 排口",
  plant = { profile = "coating_vocs", load = 0.8, flue_nm3h = 40000 },
  limits = { nmhc = 60 },
  analyzers = { nmhc = true },
}
local fraud = require "fraud"

fraud.vocs_dilution(st, { at = "13:00", duration = "6h", air = 0.7 })

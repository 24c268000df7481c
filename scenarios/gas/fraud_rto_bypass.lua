-- fraud_rto_bypass.lua — to save gas the RTO's chamber set point is lowered from 820 °C to 600 °C
-- for the day shift: its destruction falls, NMHC at the stack rises, the RTO's current falls.
scenario {
  name     = "fraud: RTO run cold to save fuel",
  start    = "2024-06-17 00:00",
  duration = "1d",
  seed     = 50,
}

local st = station {
  kind  = "vocs",
  mn    = "33040001VOC0102",
  name  = "某汽车零部件公司 3#涂装 RTO 排口",
  plant = { profile = "coating_vocs", load = 0.8, flue_nm3h = 40000 },
  limits = { nmhc = 60 },
  analyzers = { nmhc = true },
}
local fraud = require "fraud"

fraud.rto_bypass(st, { at = "08:00", duration = "10h", method = "cool", temp_c = 600 })

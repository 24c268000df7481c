-- fraud_frozen_value_stop.lua — a variation of frozen_value: a food plant's NH3-N analyzer
-- is stopped (standby) at 18:00 by someone without a card; its last value stands for 20 h
-- and its measurement time stops advancing.
scenario {
  name     = "food plant, NH3-N analyzer stopped, last value left standing",
  start    = "2024-02-19 00:00",
  duration = "2d",
  seed     = 59,
}

local fraud = require "fraud"

local st = station {
  mn       = "33060001FOD0003",
  name     = "某食品公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "food", flow_m3h = 30 },
}

fraud.frozen_value(st, { at = "2024-02-19 18:00", duration = "20h", param = "nh3n", method = "stop", card = false })

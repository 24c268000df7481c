-- h_frozen_value_default.lua — holdout: frozen value with the library's defaults (method
-- "stop"): at 12:00 an operator (card) stops the COD analyzer for 20 h; its last value is
-- left standing.
-- A detector should see: COD's measurement time stops advancing and the value stays
-- identical for 20 h while flow, NH3-N, TP, TN and the currents vary.
scenario {
  name     = "holdout: municipal plant, COD analyzer stopped (library defaults)",
  start    = "2023-05-22 00:00",
  duration = "2d",
  seed     = 513,
}

local fraud = require "fraud"

local st = station {
  mn       = "32010600000113",
  name     = "南京某污水处理厂 出水口",
  protocol = "2017",
  plant    = { profile = "municipal", flow_m3h = 1500 },
}

fraud.frozen_value(st, { at = "+12h", duration = "20h" })

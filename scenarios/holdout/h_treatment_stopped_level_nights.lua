-- h_treatment_stopped_level_nights.lua — holdout: treatment run down to 10 % (no
-- facility switched off by hand: the aeration is throttled from the control room) on two
-- nights 22:00–04:00, over midnight. Food plant around the clock, HJ 212-2025.
-- A detector should see: treatment currents low while production runs, COD/NH3-N/TP
-- rising over the night toward the raw water, then recovering.
scenario {
  name     = "holdout: food plant, treatment throttled to 10 % two nights, 2025",
  start    = "2023-11-13 00:00",
  duration = "2d",
  seed     = 533,
}

local fraud = require "fraud"

local st = station {
  mn       = "35012100000133",
  name     = "福州某食品有限公司 废水总排口",
  protocol = "2025",
  plant    = { profile = "food", flow_m3h = 35 },
}

fraud.treatment_stopped(st, { at = "22:00", duration = "6h", level = 0.1, days = 2 })

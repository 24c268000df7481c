-- h_frozen_value_freeze_nh3n.lua — holdout: the NH3-N analyzer's output held at 2.1 from
-- 02:00 (early in the run) for 24 h by an operator with his card. Municipal plant with
-- COD, NH3-N, TP, TN; HJ 212-2025; the plant's NH3-N varies normally (mean 1.5, limit 5).
-- A detector should see: NH3-N stuck at 2.1 with its measurement time not advancing (no
-- new results) while COD, TN, flow and the currents vary.
scenario {
  name     = "holdout: municipal plant, NH3-N output frozen 24 h, 2025",
  start    = "2024-04-08 00:00",
  duration = "2d",
  seed     = 537,
}

local fraud = require "fraud"

local st = station {
  mn       = "44011300000137",
  name     = "广州番禺某净水厂 出水口",
  protocol = "2025",
  plant    = { profile = "municipal", flow_m3h = 2500 },
}

fraud.frozen_value(st, { at = "02:00", duration = "24h", param = "nh3n", value = 2.1 })

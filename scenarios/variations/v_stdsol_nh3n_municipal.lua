-- v_stdsol_nh3n_municipal.lua — standard-solution tamper on the NH3-N analyzer of a
-- municipal plant (NH3-N limit 5, effluent 4.2, HJ 212-2025). At 10:20 on day 1 the O&M
-- technician (card 0007) puts an NH3-N standard labelled 5 mg/L that really holds 7.5
-- (×1.5), calibrates the analyzer on it and files the calibration as a routine work order:
-- from then on NH3-N reads 1/1.5 of the truth. Lab comparison samples at 15:00 and on day
-- 2 at 10:00 disagree (lab ≈ 4.3 against an analyzer ≈ 2.8). A detector should see: a
-- calibration under a work order after which NH3-N steps down by a third while COD/TP do
-- not, and lab results far above the analyzer.
scenario {
  name     = "variation: municipal plant, NH3-N standard bottle x1.5, calibrated, lab disagrees",
  start    = "2025-03-03 00:00",
  duration = "2d",
  seed     = 315,
}

local fraud = require "fraud"

local st = station {
  mn       = "32010620250018",
  name     = "南京某污水处理厂 出水口",
  protocol = "2025",
  plant    = { profile = "municipal", flow_m3h = 1800, effluent = { nh3n = 4.2 } },
}

fraud.standard_solution_tamper(st, { at = "2025-03-03 10:20", param = "nh3n", factor = 1.5 })

records.lab { station = st, param = "nh3n", time = "2025-03-03 15:00", value = 4.31 }
records.lab { station = st, param = "nh3n", time = "2025-03-04 10:00", value = 4.12 }

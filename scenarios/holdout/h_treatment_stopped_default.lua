-- h_treatment_stopped_default.lua — holdout: treatment stopped with the library's
-- defaults: blower and lift pump switched off by hand on day 2 from 08:00 for 8 h while
-- production runs.
-- A detector should see: treatment currents at 0 A while line1 draws its normal current,
-- COD/NH3-N/TP rising toward the raw water over hours, then recovering.
scenario {
  name     = "holdout: dyeing plant, blower and lift pump off (library defaults)",
  start    = "2022-09-05 00:00",
  duration = "2d",
  seed     = 510,
}

local fraud = require "fraud"

local st = station {
  mn       = "35058200000110",
  name     = "晋江某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing" },
}

fraud.treatment_stopped(st, { at = "+1d8h", duration = "8h" })

-- h_standard_solution_tamper_default.lua — holdout: standard-solution tamper with the
-- library's defaults: on day 2 at 10:00 the O&M technician (card 0007) puts a COD standard
-- bottle labelled 100 that holds 125, calibrates on it (slope 0.8), files a routine
-- calibration work order; the fraud lasts to the end of the run.
-- A detector should see: a calibration (with a work order) followed by a 20 % step down
-- of COD alone, while NH3-N, TP and flow keep their level.
scenario {
  name     = "holdout: chemical plant, diluted-label COD standard (library defaults)",
  start    = "2021-10-11 00:00",
  duration = "2d",
  seed     = 507,
}

local fraud = require "fraud"

local st = station {
  mn       = "32070300000107",
  name     = "连云港某化工有限公司 污水排放口",
  protocol = "2017",
  plant    = { profile = "chemical" },
}

fraud.standard_solution_tamper(st, { at = "2021-10-12 10:00" })

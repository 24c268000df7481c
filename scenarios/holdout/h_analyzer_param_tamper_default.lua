-- h_analyzer_param_tamper_default.lua — holdout: analyzer parameter tamper with the
-- library's defaults: on day 2 at 09:00 an operator (card) changes the COD analyzer's
-- slope from 1 to 0.6 at the panel, and puts it back at 21:00.
-- A detector should see: the door entry, the parameter change (3020 upload: slope 0.6
-- against the registered 1) with no calibration work order, COD stepping down by 40 %
-- while NH3-N/TP and flow stay as they were, then stepping back up.
scenario {
  name     = "holdout: dyeing plant, COD slope set to 0.6 (library defaults)",
  start    = "2022-06-13 00:00",
  duration = "2d",
  seed     = 506,
}

local fraud = require "fraud"

local st = station {
  mn       = "33060200000106",
  name     = "绍兴上虞某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing" },
}

fraud.analyzer_param_tamper(st, { at = "+1d9h", duration = "12h" })

-- h_bypass_discharge_default.lua — holdout: bypass discharge with the library's defaults:
-- on day 2 from 00:00 for 12 h up to 30 m³/h leave by a hidden outlet that skips the
-- monitored outfall of a chemical plant producing about 50 m³/h.
-- A detector should see: outfall flow far under what production and treatment currents
-- imply (currents unchanged), concentrations unchanged.
scenario {
  name     = "holdout: chemical plant, hidden bypass (library defaults)",
  start    = "2022-04-18 00:00",
  duration = "2d",
  seed     = 514,
}

local fraud = require "fraud"

local st = station {
  mn       = "42011500000114",
  name     = "武汉某化工有限公司 污水排放口",
  protocol = "2017",
  plant    = { profile = "chemical" },
}

fraud.bypass_discharge(st, { at = "+1d", duration = "12h" })

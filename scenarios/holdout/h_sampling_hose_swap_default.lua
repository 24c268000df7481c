-- h_sampling_hose_swap_default.lua — holdout: sampling-hose swap with the library's
-- defaults: at 21:00 on day 1 an operator (card) enters the station room and puts the
-- analyzers' sampling hose onto the tap for 7 h (to 04:00), then puts it back.
-- A detector should see: COD/NH3-N/TP at tap-water levels, variance collapsed, no longer
-- following flow or the daily pattern, over midnight; door entries at 20:59 and 04:00.
scenario {
  name     = "holdout: chemical plant, sampling hose on the tap overnight (library defaults)",
  start    = "2022-11-21 00:00",
  duration = "2d",
  seed     = 503,
}

local fraud = require "fraud"

local st = station {
  mn       = "32058300000103",
  name     = "苏州某化工有限公司 污水排放口",
  protocol = "2017",
  plant    = { profile = "chemical" },
}

fraud.sampling_hose_swap(st, { at = "21:00", duration = "7h" })

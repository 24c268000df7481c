-- h_transmission_cut_default.lua — holdout: transmission cut with the library's defaults
-- (method "cable"): on day 2 at 01:58 an operator (card) enters, at 02:00 pulls the DAU's
-- network cable for 4 h, reconnects at 06:00. The DAU keeps recording and backfills.
-- A detector should see: a 4 h gap in live data at night with a door entry at its start
-- and end, and no network-maintenance work order.
scenario {
  name     = "holdout: chemical plant, DAU cable pulled at night (library defaults)",
  start    = "2024-11-25 00:00",
  duration = "2d",
  seed     = 512,
}

local fraud = require "fraud"

local st = station {
  mn       = "37030500000112",
  name     = "淄博某化工有限公司 污水排放口",
  protocol = "2017",
  plant    = { profile = "chemical" },
}

fraud.transmission_cut(st, { at = "+1d2h", duration = "4h" })

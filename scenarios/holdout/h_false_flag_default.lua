-- h_false_flag_default.lua — holdout: false flag with the library's defaults: COD
-- flagged M (maintenance) by the DAU on day 2 from 10:00 for 6 h, with no work order and
-- no one on site.
-- A detector should see: 6 h of M-flagged COD without any maintenance work order.
scenario {
  name     = "holdout: electroplating plant, COD flagged M without a work order (library defaults)",
  start    = "2023-07-03 00:00",
  duration = "2d",
  seed     = 511,
}

local fraud = require "fraud"

local st = station {
  mn       = "33030200000111",
  name     = "温州某电镀有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "electroplating" },
}

fraud.false_flag(st, { at = "+1d10h", duration = "6h" })

-- h_analyzer_param_tamper_toc_factor.lua — holdout: on a TOC analyzer the TOC→COD factor
-- is lowered to 2.0 (the plant's COD/TOC ratio is about 3) at 09:30 on day 1 by an
-- employee with his card; 30 h later he puts it back to 3.0. Chemical plant, HJ 212-2017.
-- A detector should see: a parameter change (3020: toc_factor) without a work order, COD
-- stepping down by about a third while NH3-N/TP/flow do not move, and back up on day 2.
scenario {
  name     = "holdout: chemical plant, TOC->COD factor lowered, 30 h",
  start    = "2020-09-07 00:00",
  duration = "2d",
  seed     = 528,
}

local fraud = require "fraud"

local st = station {
  mn        = "33090100000128",
  name      = "舟山某化工有限公司 污水排放口",
  protocol  = "2017",
  plant     = { profile = "chemical", flow_m3h = 40, effluent = { cod = 420 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

fraud.analyzer_param_tamper(st, { at = "09:30", duration = "30h", setting = "toc_factor", value = 2.0,
  restore = 3.0, card = "0016", who = "设备员" })

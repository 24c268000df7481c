-- v_dau_cap_toc.lua — DAU tamper in cap mode at a chemical plant with a TOC analyzer whose
-- COD runs over its limit of 500 (effluent 540, HJ 212-2025): from 08:00 on day 1 the DAU
-- rewrites every COD value over 475 to 92–97 % of 475 before upload, for 30 hours. A
-- detector should see: uploaded COD bunching in a narrow band just under the limit with
-- the natural spread gone above it, the analyzer's own Modbus value over 500 while the
-- upload is ~450; NH3-N and TP untouched.
scenario {
  name     = "variation: chemical plant, TOC, DAU caps COD just under 500 for 30 h",
  start    = "2024-02-26 00:00",
  duration = "2d",
  seed     = 318,
}

local fraud = require "fraud"

local st = station {
  mn       = "42050020240022",
  name     = "宜昌某化工股份有限公司 污水排放口",
  protocol = "2025",
  plant    = { profile = "chemical", flow_m3h = 50, effluent = { cod = 540 } },
  limits   = { cod = 500, nh3n = 45, tp = 8, ph = { 6, 9 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

fraud.dau_tamper(st, { at = "2024-02-26 08:00", duration = "30h", codes = { "cod" }, mode = "cap", limit = 500 })

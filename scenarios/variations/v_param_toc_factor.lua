-- v_param_toc_factor.lua — TOC→COD factor lowered: a dyeing plant with a TOC analyzer
-- (COD = k·TOC, k = 3.0 registered; limit 200, effluent COD 205 — over the limit) has its
-- factor set to 2.1 at 09:40 on day 1 by an employee who first turns the station camera
-- 90° away; after 24 h he puts it back to 3.0. HJ 212-2017. A detector should see: COD
-- stepping down by 30 % (under the limit) from the 10:00 result with no calibration work
-- order, the parameter change in the 3020 upload (toc_factor 2.1), the camera turned while
-- the person is inside; NH3-N and TP unchanged.
scenario {
  name     = "variation: dyeing plant, TOC factor 3.0 -> 2.1 for 24 h",
  start    = "2023-10-09 00:00",
  duration = "2d",
  seed     = 314,
}

local fraud = require "fraud"

local st = station {
  mn       = "33040220230017",
  name     = "嘉兴某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 100, effluent = { cod = 205, nh3n = 9 } },
  limits   = { cod = 200, nh3n = 20, tp = 1.5, ph = { 6, 9 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

fraud.analyzer_param_tamper(st, { at = "2023-10-09 09:40", duration = "24h", param = "cod",
  setting = "toc_factor", value = 2.1, restore = 3.0, who = "employee", card = "0031",
  camera = { which = "station", how = "turn", pan = 90 } })

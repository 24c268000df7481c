-- r16_honest_bunched_week.lua — regression (issue 16), honest: a week at a chemical plant
-- whose treatment is run to just meet the COD limit: the effluent COD sits at about 88 % of
-- the limit with little variation (noise 0.03), so most values fall in the band just under
-- the limit, and now and then one passes it. Nothing is done. A detector should not read
-- honest values bunched under the limit as a DAU cap: the other analyzers vary with the same
-- water, the COD crosses the limit now and then, and its spread is what it always was.
scenario {
  name     = "regress16 honest: a week with COD bunched just under its limit",
  start    = "2023-11-06 00:00",
  duration = "7d",
  seed     = 1608,
}

local st = station {
  mn       = "32020016CHM0003",
  name     = "无锡某化工有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "chemical", flow_m3h = 35, effluent = { cod = 88 }, noise = 0.03 },
  limits   = { cod = 100, nh3n = 15, tp = 0.5, ph = { 6, 9 } },
}
local _ = st

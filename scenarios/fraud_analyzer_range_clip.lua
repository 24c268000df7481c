-- fraud_analyzer_range_clip.lua — a variation of analyzer_param_tamper: a chemical plant
-- whose effluent runs over its NH3-N limit (45) during a process upset narrows the NH3-N
-- analyzer's range to 40, so values clip at the new range top (flag T) instead of
-- showing the exceedance. By night, forced entry, station camera turned first.
scenario {
  name     = "chemical plant, NH3-N analyzer range narrowed to 40",
  start    = "2022-07-11 00:00",
  duration = "2d",
  seed     = 29,
}

local fraud = require "fraud"

local st = station {
  mn       = "33010001CHM0002",
  name     = "某化工公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "chemical", flow_m3h = 50, effluent = { nh3n = 42 } },
}

fraud.analyzer_param_tamper(st, {
  at = "2022-07-11 21:40", param = "nh3n", setting = "range", value = 40,
  who = "worker", card = false, camera = true,
})

-- jiaxing_toc_sample_cup.lua — after the Jiaxing 2022 case: a dyeing plant whose effluent
-- runs just over the COD limit (200) has a TOC analyzer (reports COD = k·TOC; a measurement
-- takes 8 minutes). Several times, once an hourly result has come out over the limit, an
-- employee enters with his card, pours tap water into the sample cup and restarts the
-- measurement: the hour gets a second, manual value at less than half, and the hourly mean
-- is pulled under the limit.
scenario {
  name     = "Jiaxing: TOC analyzer, tap water in the sample cup, hourly mean pulled under the limit",
  start    = "2022-02-08 00:00",
  duration = "2d",
  seed     = 2022,
}

local fraud = require "fraud"

local st = station {
  mn        = "33040001DYE0101",
  name      = "嘉兴某印染有限公司 废水总排口",
  protocol  = "2017",
  plant     = { profile = "dyeing", flow_m3h = 120, effluent = { cod = 212, nh3n = 9, tp = 0.9 },
                shifts = { "07:00-23:00" } },
  limits    = { cod = 200, nh3n = 20, tp = 1.5, ph = { 6, 9 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

for _, t in ipairs({ "2022-02-08 09:20", "2022-02-08 14:20", "2022-02-09 10:21", "2022-02-09 16:20" }) do
  fraud.sample_cup_injection(st, { at = t, param = "cod", analyzer = "toc", ml = 150, restart = true,
    who = "employee", card = "0031" })
end

-- demo.lua — the README's first run: one dyeing plant, one day.
-- 10:35 an operator enters the station room with his card, pours tap water into the COD
-- analyzer's sample cup and restarts the measurement: the 10:00 value (near or over the
-- limit of 200) is followed by a manual one at less than half, the hourly mean drops.
-- 21:30 the outfall camera is turned 120° away for two hours.
--   hjrange run --fast --out out/demo scenarios/demo.lua
scenario {
  name     = "demo: dyeing plant, sample-cup injection and a night camera turn",
  start    = "2022-02-08 00:00",
  duration = "1d",
  seed     = 7,
}

local fraud = require "fraud"

local st = station {
  mn       = "33040001DYE0001",
  name     = "某印染公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 80, effluent = { cod = 190 } },
  limits   = { cod = 200 },
}

fraud.sample_cup_injection(st, { at = "10:35", param = "cod", ml = 150, restart = true })
fraud.camera_tampering(st, { at = "21:30", duration = "2h", which = "outfall", how = "turn", pan = 120 })

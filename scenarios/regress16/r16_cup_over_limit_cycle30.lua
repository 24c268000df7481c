-- r16_cup_over_limit_cycle30.lua — regression (issue 16): a dyeing plant honestly over its
-- COD limit (effluent about 230 against 200) whose COD analyzer measures every 30 minutes
-- (3020 i13003 = 30). Twice a worker enters the station room with his card, pours tap water
-- into the COD sample cup and restarts a measurement a few minutes after a scheduled start
-- (the restart aborts the scheduled cycle, so the half hour holds one measurement, off its
-- schedule), so that a low value pulls the hour's mean down. The pours are small (a fall of
-- a fifth or so, within what this noisy effluent does from one cycle to the next). A detector
-- should read the analyzer's interval from 3020, see the measurement off the schedule's phase
-- (a scheduled start is on the analyzer's clock to the second) right after the entry, and
-- raise sample_cup_injection both times, while the honest exceedances are no fraud.
scenario {
  name     = "regress16: cup injection at an over-limit plant, 30-min COD cycle",
  start    = "2024-03-11 00:00",
  duration = "2d",
  seed     = 1601,
}

local fraud = require "fraud"

local st = station {
  mn       = "33040016DYE0001",
  name     = "绍兴某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 70, effluent = { cod = 230 } },
  limits   = { cod = 200, nh3n = 20, tp = 1.5, ph = { 6, 9 } },
  cycle    = "30m",
}

fraud.sample_cup_injection(st, { at = "2024-03-12 10:05", ml = 45, card = "0042" })
fraud.sample_cup_injection(st, { at = "2024-03-12 16:37", ml = 35, card = "0042" })

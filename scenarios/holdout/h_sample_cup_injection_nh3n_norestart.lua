-- h_sample_cup_injection_nh3n_norestart.lua — holdout: sample-cup injection on the NH3-N
-- analyzer without a restart: at 13:59 a worker (card) pours 200 ml of prepared water
-- (NH3-N 0.5) into the NH3-N cup just before the scheduled 14:00 draw. Electroplating,
-- HJ 212-2017, NH3-N near its limit of 15 (effluent mean 13.5).
-- A detector should see: no extra cycle (the draw is on schedule), but the 14:00 NH3-N
-- result far under its neighbours while COD/TP and flow are normal; a door entry just
-- before.
scenario {
  name     = "holdout: electroplating plant, NH3-N sample cup before a scheduled draw",
  start    = "2021-03-16 00:00",
  duration = "1d",
  seed     = 522,
}

local fraud = require "fraud"

local st = station {
  mn       = "44190000000122",
  name     = "东莞某五金电镀厂 废水排放口",
  protocol = "2017",
  plant    = { profile = "electroplating", flow_m3h = 25, effluent = { nh3n = 13.5 } },
  limits   = { cod = 80, nh3n = 15, tp = 1.0, ph = { 6, 9 } },
}

fraud.sample_cup_injection(st, { at = "13:59", param = "nh3n", ml = 200, water = { nh3n = 0.5 },
  restart = false, enter_before = "5m", leave_after = "3m", who = "worker" })

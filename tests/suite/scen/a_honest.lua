-- a_honest.lua — suite test: 12 h of a dyeing plant with nothing staged (no truth events).
scenario { name = "suite test: honest 12 h", start = "2022-02-08 00:00", duration = "12h", seed = 3 }

station {
  mn       = "99000001SUI0001",
  name     = "suite test honest",
  plant    = { profile = "dyeing", flow_m3h = 60 },
  limits   = { cod = 200, nh3n = 20, tp = 1.5, tn = 30 },
}

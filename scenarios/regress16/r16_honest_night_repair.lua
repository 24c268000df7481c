-- r16_honest_night_repair.lua — regression (issue 16), honest: the COD analyzer of a dyeing
-- plant faults at 00:40 on day 2 (stopped: flagged F); the O&M engineer comes under a work
-- order for 01:30-03:00, repairs it and restarts it as his last act at 03:14, a little after
-- the order's end. The first measurement after the repair comes off the hourly schedule,
-- as any analyzer started by hand begins its cycle when it is started. No fraud: a
-- restart after a stop is not an extra measurement in the hour.
scenario {
  name     = "regress16 honest: analyzer repaired at night under a work order, restarted after it",
  start    = "2024-01-22 00:00",
  duration = "2d",
  seed     = 1607,
}

local st = station {
  mn       = "33040016DYE0004",
  name     = "绍兴某印染有限公司 废水总排口",
  protocol = "2025",
  plant    = { profile = "dyeing", flow_m3h = 75 },
}

records.work_order { station = st, task = "repair", start = "2024-01-23 01:30",
  ["end"] = "2024-01-23 03:00", who = "运维 陈工" }

at("2024-01-23 00:40", function()
  log("COD analyzer fault: stopped")
  st.cod:command("stop")
end)

at("2024-01-23 01:32", function()
  st:person_enters { who = "运维 陈工", card = "0007" }
  sleep("1h42m")
  st.cod:command("restart")
  sleep("2m")
  st:person_leaves { who = "运维 陈工" }
end)

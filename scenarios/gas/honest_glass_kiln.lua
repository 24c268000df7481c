-- honest_glass_kiln.lua — a float-glass furnace (SCR, semi-dry FGD, bag filter) that runs
-- around the clock at a steady pull, with the analyzers' daily calibration, the probe's
-- blowback every 4 h, and on day 2 an O&M visit under a work order: the NOx analyzer in
-- maintenance for 30 minutes, then a manual calibration. No fraud, no truth events.
scenario {
  name     = "honest: glass furnace, O&M visit with a manual calibration",
  start    = "2024-10-14 00:00",
  duration = "2d",
  seed     = 33,
}

local st = station {
  kind  = "gas",
  mn    = "33040001GLS0001",
  name  = "某玻璃公司 熔窑排口",
  plant = { profile = "glass_kiln", load = 0.9 },
  limits = { so2 = 100, nox = 400, pm = 20, o2_ref = 8 },
  analyzers = { so2 = true, nox = true, o2 = "extractive", co = true, co2 = true, pm = true },
  stack = { area_m2 = 3.14 },
}

records.work_order { station = st, task = "maintenance", start = "2024-10-15 10:00",
                     ["end"] = "2024-10-15 11:30", who = "运维 李工", filed = "2024-10-15 08:00" }
at("2024-10-15 10:05", function()
  st:person_enters { who = "运维 李工", card = "0047" }
  st.nox:command("maintenance_on")
  sleep("30m")
  st.nox:command("maintenance_off")
  st.nox:command("calibrate")
  sleep("20m")
  st:person_leaves { who = "运维 李工" }
end)

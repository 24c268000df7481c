-- honest_coal_boiler.lua — a thermal power plant's coal boiler (CEMS on the stack after
-- wet FGD, SCR and a bag filter) over two days: the night's load swing, soot blowing every
-- morning, the analyzers' daily automatic calibration (02:00), the probe's blowback every
-- 4 h, a new coal batch with more sulphur, and a maintenance of the sampling line under a
-- work order. No fraud, no truth events.
scenario {
  name     = "honest: coal boiler, load swings, soot blowing, calibration, maintenance",
  start    = "2024-11-04 00:00",
  duration = "2d",
  seed     = 31,
}

local st = station {
  kind  = "gas",
  mn    = "33040001PWR0001",
  name  = "某热电公司 1#锅炉排口",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}

-- the grid's night valley: the boiler goes down to 60 % from 23:00 to 06:00
every("1d", function()
  st.plant:set { load = 0.6 }
  sleep("7h")
  st.plant:set { load = 0.85 }
end, { from = "23:00" })

-- soot blowing: the dust after the bag filter rises for a quarter of an hour
every("1d", function()
  st.plant:set { soot_blowing = true }
  sleep("15m")
  st.plant:set { soot_blowing = false }
end, { from = "09:10" })

-- day 1, 16:00: a new coal batch with 30 % more sulphur and ash reaches the bunkers; the
-- SO2 before the FGD, and so after it, settles at a new level within the hour (still
-- under the limit), while NOx, O2 and the flow carry on
at("2024-11-04 16:00", function()
  st.plant:set { fuel = 1.3 }
end)

-- day 2: the probe's filter is changed; the technician switches the sampling system to
-- maintenance at its panel (the extracted gases are flagged M) for 40 minutes
records.work_order { station = st, task = "maintenance", start = "2024-11-05 14:00",
                     ["end"] = "2024-11-05 15:00", who = "运维 王工", filed = "2024-11-05 09:30" }
at("2024-11-05 14:05", function()
  st:person_enters { who = "运维 王工", card = "0031" }
  st.line:set { maintenance = true }
  sleep("40m")
  st.line:set { maintenance = false }
  st.probe:blowback()
  sleep("5m")
  st:person_leaves { who = "运维 王工" }
end)

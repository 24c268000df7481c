-- honest_coating_vocs.lua — an automotive-parts coating line: spray booths from 07:30 to
-- 21:30 (the exhaust fan stops at night, the DAU flags F), the RTO kept hot, the GC-FID's
-- daily calibration at 02:00, and on day 2 a hydrogen cylinder change under a work order
-- (the GC-FID in maintenance). No fraud, no truth events.
scenario {
  name     = "honest: coating line with RTO, day shifts, GC-FID maintenance",
  start    = "2024-06-17 00:00",
  duration = "2d",
  seed     = 35,
}

local st = station {
  kind  = "vocs",
  mn    = "33040001VOC0001",
  name  = "某汽车零部件公司 涂装 RTO 排口",
  plant = { profile = "coating_vocs", load = 0.8, flue_nm3h = 40000 },
  limits = { nmhc = 60 },
  analyzers = { nmhc = true },
}

st.plant:set { running = false }
every("1d", function()
  st.plant:set { running = true }
  sleep("14h")
  st.plant:set { running = false }
end, { from = "07:30" })

records.work_order { station = st, task = "maintenance", start = "2024-06-18 13:00",
                     ["end"] = "2024-06-18 14:00", who = "运维 赵工", filed = "2024-06-18 09:00" }
at("2024-06-18 13:10", function()
  st:person_enters { who = "运维 赵工", card = "0063" }
  st.line:set { maintenance = true }
  sleep("25m")
  st.line:set { maintenance = false }
  st:person_leaves { who = "运维 赵工" }
end)

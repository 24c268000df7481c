-- honest_waste_incinerator.lua — a municipal solid-waste incinerator line (semi-dry FGD,
-- SNCR/SCR, bag filter): the load follows the waste feed (a dip at night), soot blowing
-- of the boiler twice a day, the daily calibration, a blowback started by hand after a
-- filter alarm check. No fraud, no truth events.
scenario {
  name     = "honest: waste incinerator, feed swings and soot blowing",
  start    = "2024-09-09 00:00",
  duration = "2d",
  seed     = 34,
}

local st = station {
  kind  = "gas",
  mn    = "33040001MSW0001",
  name  = "某环保能源公司 1#焚烧线排口",
  plant = { profile = "waste_incinerator", load = 0.85 },
  limits = { so2 = 100, nox = 250, pm = 20, co = 100, o2_ref = 11 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, co2 = true, pm = true },
}

every("1d", function()
  st.plant:set { load = 0.7 }
  sleep("6h")
  st.plant:set { load = 0.85 }
end, { from = "00:30" })

every("12h", function()
  st.plant:set { soot_blowing = true }
  sleep("20m")
  st.plant:set { soot_blowing = false }
end, { from = "08:40" })

at("2024-09-10 15:20", function()
  st:person_enters { who = "运维 陈工", card = "0052" }
  st.probe:blowback()
  sleep("10m")
  st:person_leaves { who = "运维 陈工" }
end)

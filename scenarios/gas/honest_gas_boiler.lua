-- honest_gas_boiler.lua — a hotel's natural-gas heating boiler (low-NOx burner and a small
-- SCR): it starts at 05:30 and stops at 22:30 every day (the flue fills with air, O2 near
-- 20.9 %, the fan stops: the DAU flags F), the morning and evening peaks of demand, the
-- analyzers' daily calibration at 02:00 while it is cold. No fraud, no truth events.
scenario {
  name     = "honest: gas boiler, daily start-up and shut-down",
  start    = "2024-12-02 00:00",
  duration = "2d",
  seed     = 32,
}

local st = station {
  kind  = "gas",
  mn    = "33040001HTL0001",
  name  = "某酒店 燃气锅炉排口",
  protocol = "2025",
  plant = { profile = "gas_boiler", load = 0.7, flue_nm3h = 30000 },
  limits = { so2 = 35, nox = 50, pm = 5, o2_ref = 3.5 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
}

-- cold at midnight: stopped until the morning start-up
st.plant:set { running = false }

every("1d", function()
  st.plant:set { running = true, load = 0.9 }   -- the morning peak
  sleep("3h")
  st.plant:set { load = 0.6 }
  sleep("9h")
  st.plant:set { load = 0.85 }                  -- the evening peak
  sleep("5h")
  st.plant:set { running = false }              -- 22:30
end, { from = "05:30" })

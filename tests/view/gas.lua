-- gas.lua — view tests: a coal boiler's CEMS where, one after the other, the span cylinder
-- of SO2 is swapped for a stronger one (01:00), ambient air is let into the probe (03:00),
-- the bypass damper is opened half way (05:00), the heated line is switched off (07:00) and
-- the O2 reading is frozen at 3 % (08:30).
-- Plain knobs, no truth events: the CEMS room and the platform's gas charts are under test.
scenario { name = "view test: CEMS room", start = "2024-11-04 00:00", duration = "10h", seed = 5 }

local st = station {
  kind  = "gas",
  mn    = "33040001VIEWG01",
  name  = "视图测试 1#锅炉排口",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}

at("01:00", function() st.cylinder("so2"):swap { label = 160, actual = 240 } end)
at("03:00", function() st.probe:leak { air = 0.4 } end)
at("05:00", function() st.damper:set { bypass = 0.5 } end)
at("07:00", function() st.line:set { heat = false } end)
at("08:30", function() st.o2:freeze(3.0) end)

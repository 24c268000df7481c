-- probe_dilution.lua — a staged probe_dilution at a gas station for the gas rules' tests (tests/rules/gas/check.sh):
-- the fraud with the raw scenario API, its ground truth, and the honest confounders around it.
scenario {
  name     = "staged probe_dilution",
  start    = "2024-11-04 00:00",
  duration = "2d",
  seed     = 109,
}

local st = station {
  kind  = "gas",
  mn    = "33040001GSD0010",
  name  = "某热电公司 1#锅炉排口",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}

-- the honest confounders around it: the night valley and the morning's soot blowing
every("1d", function()
  st.plant:set { load = 0.6 }
  sleep("7h")
  st.plant:set { load = 0.85 }
end, { from = "23:00" })
every("1d", function()
  st.plant:set { soot_blowing = true }
  sleep("15m")
  st.plant:set { soot_blowing = false }
end, { from = "09:10" })

-- day 2: air let in at the probe's inlet for four hours (in-situ O2: it does not see it)
at("2024-11-05 10:30", function()
  local id = truth.begin { type = "probe_dilution", station = st, note = "probe inlet opened" }
  st.probe:leak { air = 0.35 }
  sleep("4h")
  st.probe:leak(nil)
  truth.finish(id)
end)

-- fake_shutdown.lua — a staged fake_shutdown at a gas station for the gas rules' tests (tests/rules/gas/check.sh):
-- the fraud with the raw scenario API, its ground truth, and the honest confounders around it.
scenario {
  name     = "staged fake_shutdown",
  start    = "2024-11-04 00:00",
  duration = "2d",
  seed     = 104,
}

local st = station {
  kind  = "gas",
  mn    = "33040001GSD0005",
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

-- day 2 evening: the DAU reports the boiler stopped (F) while it runs
at("2024-11-05 19:00", function()
  local id = truth.begin { type = "fake_shutdown", station = st, note = "F forced on every gas" }
  for _, c in ipairs { "a21026", "a21002", "a21003", "a21004", "a21005", "a19001", "a34013" } do
    st.dau:flag(c, "F")
  end
  sleep("5h")
  for _, c in ipairs { "a21026", "a21002", "a21003", "a21004", "a21005", "a19001", "a34013" } do
    st.dau:flag(c, nil)
  end
  truth.finish(id)
end)

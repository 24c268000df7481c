-- transmission_cut.lua — a staged transmission_cut at a gas station for the gas rules' tests (tests/rules/gas/check.sh):
-- the fraud with the raw scenario API, its ground truth, and the honest confounders around it.
scenario {
  name     = "staged transmission_cut",
  start    = "2024-11-04 00:00",
  duration = "2d",
  seed     = 1109,
}

local st = station {
  kind  = "gas",
  mn    = "33040001GSD0022",
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

-- day 2: SO2 over the limit (the FGD's pumps trip), and the DAU is switched off for three
-- hours: nothing is recorded, nothing backfilled
at("2024-11-05 16:00", function()
  local id = truth.begin { type = "transmission_cut", station = st, note = "DAU off at an exceedance" }
  st.facility.fgd:set { on = false }
  sleep("10m")
  st.dau:power(false)
  sleep("3h")
  st.facility.fgd:set { on = true }
  sleep("10m")
  st.dau:power(true)
  truth.finish(id)
end)

-- false_flag.lua — a staged false_flag at a gas station for the gas rules' tests (tests/rules/gas/check.sh):
-- the fraud with the raw scenario API, its ground truth, and the honest confounders around it.
scenario {
  name     = "staged false_flag",
  start    = "2024-11-04 00:00",
  duration = "2d",
  seed     = 1109,
}

local st = station {
  kind  = "gas",
  mn    = "33040001GSD0021",
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

-- day 2: SO2 over the limit (the FGD's pumps trip); the gases are flagged "fault" (D) at
-- once, with no fault and no work order, until the pumps are back
at("2024-11-05 15:00", function()
  local id = truth.begin { type = "false_flag", station = st, note = "D forced over an exceedance" }
  st.facility.fgd:set { on = false }
  sleep("8m")
  for _, c in ipairs { "a21026", "a21002", "a21005" } do st.dau:flag(c, "D") end
  sleep("40m")
  st.facility.fgd:set { on = true }
  sleep("30m")
  for _, c in ipairs { "a21026", "a21002", "a21005" } do st.dau:flag(c, nil) end
  truth.finish(id)
end)

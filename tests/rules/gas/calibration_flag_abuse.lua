-- calibration_flag_abuse.lua — a staged calibration_flag_abuse at a gas station for the gas rules' tests (tests/rules/gas/check.sh):
-- the fraud with the raw scenario API, its ground truth, and the honest confounders around it.
scenario {
  name     = "staged calibration_flag_abuse",
  start    = "2024-11-04 00:00",
  duration = "2d",
  seed     = 102,
}

local st = station {
  kind  = "gas",
  mn    = "33040001GSD0003",
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

-- day 2: the FGD's slurry pumps trip; the operator keeps the analyzers in "calibration" at
-- their service menus while SO2 is over the limit (the pumps come back an hour later): the
-- analyzers flag C and report calibrating (3020), as a calibration held on does — a C set at
-- the DAU with the analyzers measuring is the false_flag's act
at("2024-11-05 15:00", function()
  local id = truth.begin { type = "calibration_flag_abuse", station = st, note = "C flags over an exceedance" }
  st.facility.fgd:set { on = false }
  sleep("8m")
  st.so2:hold_flag(true)
  st.nox:hold_flag(true)
  st.co:hold_flag(true)
  sleep("50m")
  st.facility.fgd:set { on = true }
  sleep("30m")
  st.so2:hold_flag(false)
  st.nox:hold_flag(false)
  st.co:hold_flag(false)
  truth.finish(id)
end)

-- span_gas_tamper.lua — a staged span_gas_tamper at a gas station for the gas rules' tests (tests/rules/gas/check.sh):
-- the fraud with the raw scenario API, its ground truth, and the honest confounders around it.
scenario {
  name     = "staged span_gas_tamper",
  start    = "2024-11-04 00:00",
  duration = "2d",
  seed     = 111,
}

local st = station {
  kind  = "gas",
  mn    = "33040001GSD0012",
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

-- day 1 afternoon: the SO2 span cylinder swapped for a stronger one with the old label;
-- the 02:00 automatic calibration makes the analyzer read low from then on
at("2024-11-04 15:00", function()
  st.cylinder("so2"):swap { label = 100, actual = 150 }
end)
at("2024-11-05 01:55", function()
  local id = truth.begin { type = "span_gas_tamper", station = st, note = "SO2 span cylinder 150 labelled 100" }
  sleep("20h")
  truth.finish(id)
end)

-- vocs_dilution.lua — a staged vocs_dilution at a gas station for the gas rules' tests (tests/rules/gas/check.sh):
-- the fraud with the raw scenario API, its ground truth, and the honest confounders around it.
scenario {
  name     = "staged vocs_dilution",
  start    = "2024-06-17 00:00",
  duration = "2d",
  seed     = 113,
}

local st = station {
  kind  = "vocs",
  mn    = "33040001GSD0014",
  name  = "某涂装公司 RTO 排口",
  plant = { profile = "coating_vocs", load = 0.9, flue_nm3h = 40000 },
  limits = { nmhc = 60 },
}

-- day 2: ambient air into the GC-FID's sample for four hours
at("2024-06-18 09:30", function()
  local id = truth.begin { type = "vocs_dilution", station = st, note = "air into the NMHC sample" }
  st.probe:leak { air = 0.6 }
  sleep("4h")
  st.probe:leak(nil)
  truth.finish(id)
end)

-- rto_bypass.lua — a staged rto_bypass at a gas station for the gas rules' tests (tests/rules/gas/check.sh):
-- the fraud with the raw scenario API, its ground truth, and the honest confounders around it.
scenario {
  name     = "staged rto_bypass",
  start    = "2024-06-17 00:00",
  duration = "2d",
  seed     = 110,
}

local st = station {
  kind  = "vocs",
  mn    = "33040001GSD0011",
  name  = "某涂装公司 RTO 排口",
  plant = { profile = "coating_vocs", load = 0.9, flue_nm3h = 40000 },
  limits = { nmhc = 60 },
}

-- day 2: the RTO's chamber turned down to 600 °C to save gas
at("2024-06-18 09:00", function()
  local id = truth.begin { type = "rto_bypass", station = st, note = "RTO 600 C" }
  st.facility.rto:set { temp_c = 600 }
  sleep("5h")
  st.facility.rto:set { temp_c = 820 }
  truth.finish(id)
end)

-- h_honest_rain.lua — holdout, honest: a municipal plant with a combined channel (by
-- design) gets storm runoff: 800 m³/h from 16:00 on day 1, 1600 m³/h at the peak from
-- 18:00, 500 m³/h from 21:00, over at 01:00 (over midnight); the runoff is visible to the
-- outfall camera. Concentrations fall with the dilution, conductivity drops, flow rises.
-- HJ 212-2025. A detector should raise nothing red (at most yellow): every parameter
-- falls together like a dilution, but it is rain in the open.
scenario {
  name     = "honest holdout: municipal plant, storm runoff into the combined channel, 2025",
  start    = "2024-07-08 00:00",
  duration = "2d",
  seed     = 566,
}

local st = station {
  mn       = "32030200000167",
  name     = "徐州某污水处理厂 出水口",
  protocol = "2025",
  plant    = { profile = "municipal", flow_m3h = 2200 },
}

at("16:00", function()
  log("storm starts")
  local rain = st.channel:add_inflow { source = "rain", m3h = 800, hidden = false }
  sleep("2h")
  rain:set { m3h = 1600 }
  sleep("3h")
  rain:set { m3h = 500 }
  sleep("4h")
  rain:stop()
  log("storm over")
end)

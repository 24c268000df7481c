-- v_dilution_large_food_raw.lua — strong tap-water dilution staged with the raw API. A food
-- plant (30 m³/h, COD limit 500, effluent COD 420) opens a hidden pipe of 45 m³/h of tap
-- water into the outfall channel in the middle of the day shift (day 2, 10:00–16:00):
-- the channel carries 40 % wastewater, so every parameter falls by about 60 % together,
-- the measured flow more than doubles while production (line current) is unchanged.
-- HJ 212-2025. A detector should see: C' ≈ 0.4·C for all parameters at once, pH and
-- conductivity toward tap water, flow up without a matching production current.
scenario {
  name     = "variation: food plant, raw-API hidden tap-water pipe 45 m3/h into 30, mid-shift",
  start    = "2025-04-14 00:00",
  duration = "2d",
  seed     = 305,
}

local st = station {
  mn       = "41010220250006",
  name     = "郑州某食品股份有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "food", flow_m3h = 30, effluent = { cod = 420, nh3n = 18, tp = 3 },
               shifts = { "06:00-22:00" } },
  limits   = { cod = 500, nh3n = 45, tp = 8, ph = { 6, 9 } },
}

at("2025-04-15 10:00", function()
  local id = truth.begin { type = "tap_water_dilution", station = st,
    note = "hidden pipe: 45 m3/h of tap water into the channel at the sampling point" }
  local pipe = st.channel:add_inflow { source = "tap", m3h = 45, hidden = true }
  sleep("6h")
  pipe:stop()
  truth.finish(id)
end)

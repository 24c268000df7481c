-- b_dilution.lua — suite test: a hidden tap-water pipe into the channel from 03:00 for 4 h.
scenario { name = "suite test: tap water dilution", start = "2022-02-08 00:00", duration = "12h", seed = 5 }

local st = station {
  mn       = "99000001SUI0002",
  name     = "suite test dilution",
  plant    = { profile = "electroplating", flow_m3h = 20 },
}

at("03:00", function()
  local id = truth.begin { type = "tap_water_dilution", station = st, note = "hidden pipe, 15 m3/h" }
  local pipe = st.channel:add_inflow { source = "tap", m3h = 15, hidden = true }
  sleep("4h")
  pipe:stop()
  truth.finish(id)
end)

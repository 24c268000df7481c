scenario { name = "good", start = "2022-02-08 00:00", duration = "1d", seed = 3 }
local st = station { mn = "CHECK0001", plant = { profile = "food" } }
at("10:00", function()
  local id = truth.begin { type = "tap_water_dilution", station = st }
  local pipe = st.channel:add_inflow { source = "tap", m3h = 30, hidden = true }
  sleep("2h")
  pipe:stop()
  truth.finish(id)
end)
every("6h", function() log(now()) end)

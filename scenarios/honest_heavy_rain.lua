-- honest_heavy_rain.lua — a municipal plant whose outfall channel also takes storm water by
-- design (a combined channel): a summer storm brings 1500 m³/h of runoff for five hours.
-- Every parameter falls toward rain water and the measured flow more than doubles — the
-- same data shape as a dilution, but in the open (the outfall camera sees the inflow), on a
-- site whose design says so, with no one in the station room. No fraud, no truth events.
scenario {
  name     = "honest: heavy rain into a combined outfall channel",
  start    = "2023-07-17 00:00",
  duration = "2d",
  seed     = 105,
}

local st = station {
  mn       = "33100001MUN0202",
  name     = "某城镇污水处理厂 出水口(合流渠)",
  protocol = "2025",
  plant    = { profile = "municipal", flow_m3h = 1200 },
}

at("2023-07-17 15:20", function()
  log("storm: runoff into the combined channel")
  local rain = st.channel:add_inflow { source = "rain", m3h = 1500, hidden = false }
  sleep("5h")
  rain:stop()
  log("storm over")
end)

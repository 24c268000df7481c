-- honest_production_stop.lua — a food plant stops production for a public holiday (day 2,
-- 24 h) and for a night-shift-off on day 3; the treatment keeps running (aeration on, the
-- lift pump idles with no inflow). Flow falls to zero, concentrations stay at the treated
-- level: no fraud, no truth events.
scenario {
  name     = "honest: holiday production stop with treatment running",
  start    = "2024-09-30 00:00",
  duration = "3d",
  seed     = 102,
}

local st = station {
  mn       = "33060001FOD0201",
  name     = "某食品公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "food", flow_m3h = 30 },
}

at("2024-10-01 00:00", function()
  st.plant:set { production = 0 }
  sleep("24h")
  st.plant:set { production = 1 }
end)

-- day 3: the night shift is off (22:00 to 06:00)
at("2024-10-02 22:00", function()
  st.plant:set { production = 0 }
  sleep("8h")
  st.plant:set { production = 1 }
end)

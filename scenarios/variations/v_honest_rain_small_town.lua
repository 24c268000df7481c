-- v_honest_rain_small_town.lua — honest heavy rain into a combined outfall channel by design:
-- a small-town municipal plant (500 m³/h, HJ 212-2017) whose outfall channel also takes a
-- street drain. A storm on day 2 brings 450 m³/h of runoff from 02:00 for 4 hours (at
-- night), then 150 m³/h for 2 more hours. Every parameter falls toward rain water, the
-- measured flow nearly doubles — the shape of a dilution — but the inflow is in the open
-- (source "rain", not hidden, the outfall camera sees it) and no one enters. No fraud. A
-- detector should see: a dilution-like drop with flow up during rain — no red.
scenario {
  name     = "variation honest: small-town plant, night storm into a combined channel",
  start    = "2021-06-21 00:00",
  duration = "2d",
  seed     = 347,
}

local st = station {
  mn       = "43062420210047",
  name     = "湘阴某镇污水处理厂 出水口(合流渠)",
  protocol = "2017",
  plant    = { profile = "municipal", flow_m3h = 500 },
}

at("2021-06-22 02:00", function()
  log("storm: runoff into the combined channel")
  local rain = st.channel:add_inflow { source = "rain", m3h = 450, hidden = false }
  sleep("4h")
  rain:set { m3h = 150 }
  sleep("2h")
  rain:stop()
  log("storm over")
end)

-- h_honest_production_stop.lua — holdout, honest: a food plant stops production for a
-- public holiday from day 1 18:00 to day 3 06:00 (36 h); the treatment keeps running, the
-- flow falls to near nothing and the concentrations drift with the tank's slow washout.
-- HJ 212-2025. A detector should raise nothing: low flow with low production current is
-- consistent; treatment current stays on.
scenario {
  name     = "honest holdout: food plant, 36 h holiday stop, 2025",
  start    = "2024-09-30 00:00",
  duration = "3d",
  seed     = 562,
}

local st = station {
  mn       = "37010200000162",
  name     = "济南某食品有限公司 废水总排口",
  protocol = "2025",
  plant    = { profile = "food", flow_m3h = 32, shifts = { "06:00-22:00" } },
}

at("18:00", function()
  log("holiday: production stopped")
  st.plant:set { production = 0 }
  sleep("36h")
  st.plant:set { production = 1 }
  log("production restarted")
end)

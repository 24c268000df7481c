-- h_tap_water_dilution_raw_river.lua — holdout, raw API: a hidden pipe brings river
-- water (COD 18, NH3-N 0.8, TP 0.15, pH 7.4, 420 µS/cm) into the channel at the sampling
-- point of an electroplating plant (25 m³/h): 8 m³/h from 09:00 on day 1, opened up to
-- 15 m³/h at 18:00, closed at 08:00 on day 2. HJ 212-2017.
-- A detector should see: COD, NH3-N, TP falling by a common factor (~25 % then ~37 %),
-- conductivity down toward 420, flow up by the added water, no door or camera event.
scenario {
  name     = "holdout: electroplating plant, hidden river-water pipe (raw API)",
  start    = "2019-04-22 00:00",
  duration = "2d",
  seed     = 542,
}

local st = station {
  mn       = "33028100000142",
  name     = "余姚某电镀有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "electroplating", flow_m3h = 25, effluent = { cod = 65 } },
}

at("09:00", function()
  local id = truth.begin { type = "tap_water_dilution", station = st,
    note = "hidden pipe of river water into the channel, 8 then 15 m3/h" }
  local pipe = st.channel:add_inflow { source = "custom", m3h = 8, hidden = true,
    quality = { cod = 18, nh3n = 0.8, tp = 0.15, ph = 7.4, cond = 420 } }
  sleep("9h")
  pipe:set { m3h = 15 }
  sleep("14h")
  pipe:stop()
  truth.finish(id)
end)

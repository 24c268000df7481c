-- v_frozen_freeze_raw_toc.lua — frozen value with the raw API: an electroplating plant with
-- a TOC analyzer (COD limit 80, effluent 55, HJ 212-2017) has a real upset (raw water
-- 2.5×) from 08:00 on day 1 for 18 h. At 09:00 a worker enters with his card and holds
-- the COD analyzer's output at 52.0 (`st.cod:freeze`) for 24 hours. A detector should see:
-- COD identical (52.0) and its measurement time not advancing for a day while flow,
-- NH3-N, TP and currents vary and NH3-N/TP rise with the upset; a card entry before.
scenario {
  name     = "variation: electroplating, TOC, raw-API COD frozen at 52.0 for 24 h during an upset",
  start    = "2021-04-19 00:00",
  duration = "2d",
  seed     = 329,
}

local st = station {
  mn       = "33020620210034",
  name     = "宁波某电镀有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "electroplating", flow_m3h = 24, effluent = { cod = 55 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

at("2021-04-19 08:00", function()
  st.plant:set { upset = 2.5 }
  sleep("18h")
  st.plant:set { upset = 1 }
end)

at("2021-04-19 09:00", function()
  local id = truth.begin { type = "frozen_value", station = st, note = "worker (card 0031) holds the COD output at 52.0 for 24 h" }
  st:person_enters { who = "worker", card = "0031" }
  sleep("2m")
  st.cod:freeze(52.0)
  sleep("2m")
  st:person_leaves { who = "worker" }
  sleep("23h56m")
  st:person_enters { who = "worker", card = "0031" }
  sleep("1m")
  st.cod:freeze(nil)
  sleep("1m")
  st:person_leaves { who = "worker" }
  truth.finish(id)
end)

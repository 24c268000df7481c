-- v_param_slope_raw.lua — analyzer parameter tamper with the raw API: at a food plant (COD
-- limit 500, effluent 460, HJ 212-2025) a worker enters with his card at 16:05 on day 1,
-- sets the COD analyzer's slope to 0.7 at its panel (no work order, no calibration) and
-- leaves; it stays so to the end of the run. A detector should see: a step down of the
-- COD level by about 30 % from the 17:00 result while NH3-N, TP and flow do not move,
-- a panel parameter change (3020 upload: slope 0.7 ≠ registered 1), a card entry and no
-- work order.
scenario {
  name     = "variation: food plant, raw-API COD slope 0.7 without a work order",
  start    = "2025-02-17 00:00",
  duration = "2d",
  seed     = 313,
}

local st = station {
  mn       = "35010220250016",
  name     = "福州某食品有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "food", flow_m3h = 30, effluent = { cod = 460 } },
  limits   = { cod = 500, nh3n = 45, tp = 8, ph = { 6, 9 } },
}

at("2025-02-17 16:05", function()
  truth.begin { type = "analyzer_param_tamper", station = st,
    note = "worker (card 0081) sets the COD slope to 0.7 at the panel, no work order; to the end" }
  st:person_enters { who = "worker", card = "0081" }
  sleep("3m")
  st.cod:set { slope = 0.7 }
  sleep("2m")
  st:person_leaves { who = "worker" }
end)

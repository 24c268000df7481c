-- v_honest_outage_near_limit.lua — honest network outage over midnight at a dyeing plant
-- that runs near its COD limit (200, effluent 180, HJ 212-2017): the telecom line fails from
-- 23:10 on day 1 to 05:40 (6.5 h); the DAU keeps recording and backfills every record when
-- the link returns. No one enters, treatment is normal. No fraud. A detector should see: a
-- gap in real-time reception, then the backfilled records (complete, flags normal), values
-- before/after as usual — no red, even though values are near the limit.
scenario {
  name     = "variation honest: dyeing plant near its limit, network outage over midnight, backfilled",
  start    = "2021-12-13 00:00",
  duration = "2d",
  seed     = 346,
}

local st = station {
  mn       = "33040220210046",
  name     = "平湖某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 80, effluent = { cod = 180 } },
  limits   = { cod = 200, nh3n = 20, tp = 1.5, ph = { 6, 9 } },
}

at("2021-12-13 23:10", function()
  log("telecom line down")
  st.dau:offline(true)
  sleep("6h30m")
  st.dau:offline(false)
  log("telecom line back")
end)

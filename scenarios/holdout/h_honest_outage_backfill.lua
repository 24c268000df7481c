-- h_honest_outage_backfill.lua — holdout, honest: the DAU's 4G router fails at 22:10 on
-- day 1; the link is down until the O&M technician comes at 07:30 on day 2 (work order
-- "maintenance" 07:30–08:30, card 0007), replaces the router and the DAU backfills the
-- 9 h gap. Dyeing plant, well under its limits, HJ 212-2017.
-- A detector should raise nothing red: a gap that is backfilled, values normal before and
-- after, the entry covered by a work order.
scenario {
  name     = "honest holdout: dyeing plant, overnight link failure, backfilled",
  start    = "2023-01-09 00:00",
  duration = "2d",
  seed     = 565,
}

local st = station {
  mn       = "33050300000166",
  name     = "德清某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 70, effluent = { cod = 120 } },
}

at("22:10", function()
  log("4G router failed")
  st.dau:offline(true)
end)

records.work_order { station = st, task = "maintenance", start = "2023-01-10 07:30",
  ["end"] = "2023-01-10 08:30", who = "运维 张工" }
at("2023-01-10 07:30", function()
  st:person_enters { who = "运维 张工", card = "0007" }
  sleep("25m")
  st.dau:offline(false)
  log("router replaced, link up")
  sleep("20m")
  st:person_leaves { who = "运维 张工" }
end)

-- honest_network_outage.lua — the DAU's link to the platform is down for 5 hours (the
-- operator's fibre cut by road works); the DAU keeps polling, queues its records and
-- backfills them when the link is back. The plant discharges normally, nowhere near the
-- limits before, during or after. No fraud, no truth events.
scenario {
  name     = "honest: network outage backfilled, no exceedance around it",
  start    = "2023-08-21 00:00",
  duration = "2d",
  seed     = 104,
}

local st = station {
  mn       = "32050001ELP0201",
  name     = "某电镀公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "electroplating", flow_m3h = 20, effluent = { cod = 40 } },
}

at("2023-08-21 13:10", function()
  log("fibre cut by road works: DAU off line")
  st.dau:offline(true)
  sleep("5h")
  st.dau:offline(false)
  log("link back: the DAU backfills")
end)

-- v_honest_upset_toc.lua — honest process upset at a chemical plant with a TOC analyzer (COD
-- limit 500, effluent 300, HJ 212-2025): a bad batch makes the raw water 2.2× as strong
-- from 04:00 on day 1 for 14 hours. COD, NH3-N and TP rise together over hours (large
-- equalisation), COD goes over the limit and is reported as it is; currents, flow, door
-- and cameras are normal. No fraud. A detector should see: a real exceedance (worth an
-- exceedance notice, not a fraud alarm), no flag, no gap, no step — no red.
scenario {
  name     = "variation honest: chemical plant, TOC, real upset over the COD limit",
  start    = "2022-10-24 00:00",
  duration = "2d",
  seed     = 345,
}

local st = station {
  mn       = "37030520220045",
  name     = "淄博某化工有限公司 污水排放口",
  protocol = "2025",
  plant    = { profile = "chemical", flow_m3h = 40, effluent = { cod = 300 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

at("2022-10-24 04:00", function()
  log("bad batch: raw water 2.2x")
  st.plant:set { upset = 2.2 }
  sleep("14h")
  st.plant:set { upset = 1 }
end)

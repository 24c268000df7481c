-- h_honest_process_upset.lua — holdout, honest: a chemical plant's raw water triples
-- for 8 h on day 1 from 11:00 (a batch reactor dumped into the equalisation tank), COD
-- and NH3-N genuinely rise over the limits (500 / 45) and are reported as they are; the
-- sampler takes its over-limit retention samples; the environmental officer files a lab
-- result that confirms the high value. TOC analyzer, HJ 212-2017.
-- A detector should report the exceedance but no fraud (currents, door, cameras normal,
-- the data are real: lab agrees).
scenario {
  name     = "honest holdout: chemical plant, real upset over the limit, lab agrees",
  start    = "2021-11-08 00:00",
  duration = "2d",
  seed     = 564,
}

local st = station {
  mn        = "37050200000165",
  name      = "东营某石化有限公司 污水排放口",
  protocol  = "2017",
  plant     = { profile = "chemical", flow_m3h = 60, effluent = { cod = 260 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

at("11:00", function()
  log("batch dump: raw water x3")
  st.plant:set { upset = 3 }
  sleep("8h")
  st.plant:set { upset = 1 }
end)

records.lab { station = st, param = "cod", time = "2021-11-08 18:00", value = 322 }

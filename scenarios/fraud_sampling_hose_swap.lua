-- fraud_sampling_hose_swap.lua — chemical plant with a TOC analyzer (reports COD = k·TOC),
-- by day: a worker forces the door (no card), hangs the sampling hose in a bucket of
-- prepared water (挂桶) for six hours, comes back and puts it into the channel again.
-- Concentrations go flat at the bucket's level and stop following the plant.
scenario {
  name     = "chemical plant, TOC analyzer, sampling hose in a bucket by day",
  start    = "2022-09-20 00:00",
  duration = "2d",
  seed     = 5,
}

local fraud = require "fraud"

local st = station {
  mn        = "33010001CHM0001",
  name      = "某化工公司 废水排放口",
  protocol  = "2017",
  plant     = { profile = "chemical", flow_m3h = 50, effluent = { cod = 380, nh3n = 30 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

fraud.sampling_hose_swap(st, {
  at = "2022-09-21 09:10", duration = "6h", source = "bucket",
  water = { cod = 120, nh3n = 5, tp = 0.4, ph = 7.4 },
  who = "worker", card = false,
})

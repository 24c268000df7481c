-- h_sampling_hose_swap_bucket_first_hours.lua — holdout: "挂桶": 30 min into the run a
-- person enters without a card, covers the station camera first, and puts the sampling
-- hose into a bucket of prepared water (COD 60, NH3-N 2, TP 0.3) for 5 h. Food plant
-- (effluent COD ~120, limit 500), TOC analyzer, HJ 212-2017.
-- A detector should see (with little history: the first hours of the run): flat values
-- at the bucket's level, variance collapsed; the station camera covered, a forced entry.
scenario {
  name     = "holdout: food plant, sampling hose in a bucket from the first hour, TOC",
  start    = "2022-12-05 00:00",
  duration = "1d",
  seed     = 524,
}

local fraud = require "fraud"

local st = station {
  mn        = "37021400000124",
  name      = "青岛某食品有限公司 废水总排口",
  protocol  = "2017",
  plant     = { profile = "food" },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

fraud.sampling_hose_swap(st, { at = "00:30", duration = "5h", source = "bucket",
  water = { cod = 60, nh3n = 2.0, tp = 0.3, ph = 7.1 }, card = false,
  camera = { which = "station", how = "cover" } })

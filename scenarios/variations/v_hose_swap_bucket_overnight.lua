-- v_hose_swap_bucket_overnight.lua — sampling hose into a bucket of prepared water over
-- midnight (23:00–06:00), no camera act. A chemical plant (COD analyzer, limit 500,
-- effluent 430, HJ 212-2025): the bucket holds a plausible, legal-looking water (COD 300,
-- NH3-N 20, TP 2) rather than tap water, so the level is not absurd; the variance
-- collapses and the values stop following the plant. The operator enters with his card
-- at 22:59 and again at 06:00. A detector should see: COD/NH3-N/TP flat at the bucket's
-- levels for 7 h (sd near zero), no link to flow or production; pH probe (in the channel)
-- still varies; card entries at both ends.
scenario {
  name     = "variation: chemical plant, bucket of prepared water overnight, 2025",
  start    = "2024-11-04 00:00",
  duration = "2d",
  seed     = 307,
}

local fraud = require "fraud"

local st = station {
  mn       = "32070320240008",
  name     = "连云港某化工有限公司 污水排放口",
  protocol = "2025",
  plant    = { profile = "chemical", flow_m3h = 60, effluent = { cod = 430, nh3n = 30, tp = 3 } },
  limits   = { cod = 500, nh3n = 45, tp = 8, ph = { 6, 9 } },
}

fraud.sampling_hose_swap(st, { at = "2024-11-04 23:00", duration = "7h", source = "bucket",
  water = { cod = 300, nh3n = 20, tp = 2.0, ph = 7.3 }, who = "值班员", card = "0063" })

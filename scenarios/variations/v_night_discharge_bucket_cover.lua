-- v_night_discharge_bucket_cover.lua — night discharge at a chemical plant that produces
-- around the clock (HJ 212-2025): at 00:45 (day 2) the outfall camera is covered, the
-- sampling hose goes into a bucket of prepared water (COD 220, NH3-N 12, TP 1), and from
-- 01:00 for 3 hours treatment runs at 20 % while production is pushed to 1.4×. A detector
-- should see: night flow ×1.4 with treatment (blower/pump) currents low, flat COD at the
-- bucket's level, outfall camera covered before, card entry at 00:50; afterwards the hose
-- goes back at 04:20 and the camera at 04:25.
scenario {
  name     = "variation: chemical plant, night discharge with bucket and covered camera",
  start    = "2024-07-01 00:00",
  duration = "2d",
  seed     = 311,
}

local fraud = require "fraud"

local st = station {
  mn       = "37050220240014",
  name     = "东营某石化有限公司 污水排放口",
  protocol = "2025",
  plant    = { profile = "chemical", flow_m3h = 55 },
}

fraud.night_discharge(st, { at = "2024-07-02 01:00", duration = "3h", treatment = 0.2, production = 1.4,
  hose = "bucket", water = { cod = 220, nh3n = 12, tp = 1.0, ph = 7.4 },
  turn_camera = { which = "outfall", how = "cover" }, who = "夜班 班长", card = "0072" })

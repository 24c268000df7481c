-- h_night_discharge_bucket_nocamera.lua — holdout: night discharge two nights in a row,
-- 01:00–04:00 (the first one in the first hours of the run), no camera act, the sampling
-- hose in a bucket (default prepared water), treatment run down to 0.2 with the blower
-- switched off by hand, production ×1.3. Chemical plant around the clock, HJ 212-2025.
-- A detector should see: flow up at night, blower at 0 A while production draws more,
-- flat low concentrations at the bucket's level, door entries around 00:55 and 04:20.
scenario {
  name     = "holdout: chemical plant, two night discharges, bucket, no camera act, 2025",
  start    = "2023-08-14 00:00",
  duration = "2d",
  seed     = 525,
}

local fraud = require "fraud"

local st = station {
  mn         = "32098200000125",
  name       = "盐城某化工有限公司 污水排放口",
  protocol   = "2025",
  plant      = { profile = "chemical", flow_m3h = 45 },
  facilities = { production = { "reactor1", "reactor2" }, treatment = { "blower", "lift_pump" } },
}

fraud.night_discharge(st, { at = "01:00", duration = "3h", days = 2, turn_camera = false,
  hose = "bucket", treatment = 0.2, production = 1.3, facilities_off = { "blower" },
  who = "夜班 操作工", card = "0102" })

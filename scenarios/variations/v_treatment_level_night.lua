-- v_treatment_level_night.lua — treatment run down at night, two nights: a chemical plant
-- (continuous production, HJ 212-2025) cuts its treatment to 30 % (dosing and aeration
-- turned down, nothing switched off) from 22:00 for 8 hours on two nights (library, level =
-- 0.3, days = 2). A detector should see: treatment currents (blower, lift pump) at about a
-- third of normal while production current is normal, COD/NH3-N rising through the night
-- (large equalisation: slowly), back down by day.
scenario {
  name     = "variation: chemical plant, treatment at 30 % two nights",
  start    = "2023-12-11 00:00",
  duration = "3d",
  seed     = 324,
}

local fraud = require "fraud"

local st = station {
  mn       = "32091320230028",
  name     = "盐城某化工园区 化工有限公司 污水排放口",
  protocol = "2025",
  plant    = { profile = "chemical", flow_m3h = 45 },
}

fraud.treatment_stopped(st, { at = "2023-12-11 22:00", duration = "8h", level = 0.3, days = 2 })

-- v_camera_outfall_multi.lua — three outfalls of one industrial park; only the chemical
-- plant's outfall camera is turned 150° off its preset from its control box, at night
-- (01:00–04:00, day 2), and nothing else is done (the plant discharges as usual). The
-- dyeing plant (2017) and the food plant (2025, night shift off) are honest. A detector
-- should see: a preset deviation of the chemical plant's outfall camera for three hours
-- (camera_tampering), and no alarm at the two other stations.
scenario {
  name     = "variation: park of 3 stations, one outfall camera turned at night",
  start    = "2023-09-18 00:00",
  duration = "2d",
  seed     = 309,
}

local fraud = require "fraud"

local dye = station {
  mn       = "33050120230010",
  name     = "湖州某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 85 },
}
local chm = station {
  mn       = "33050120230011",
  name     = "湖州某化学有限公司 污水排放口",
  protocol = "2025",
  plant    = { profile = "chemical", flow_m3h = 40 },
}
local fod = station {
  mn       = "33050120230012",
  name     = "湖州某食品有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "food", flow_m3h = 25, shifts = { "06:00-22:00" } },
}
local _ = { dye, fod }

fraud.camera_tampering(chm, { at = "2023-09-19 01:00", duration = "3h", which = "outfall", how = "turn", pan = 150 })

-- fraud_camera_tampering.lua — food plant: a person goes into the station room without a
-- card and covers the station camera for three hours in the afternoon; the next night the
-- outfall camera loses power for two hours. Nothing else is done (the camera act alone).
scenario {
  name     = "food plant, station camera covered, outfall camera powered off",
  start    = "2024-06-03 00:00",
  duration = "2d",
  seed     = 3,
}

local fraud = require "fraud"

local st = station {
  mn       = "33060001FOD0001",
  name     = "某食品公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "food", flow_m3h = 30, shifts = { "07:00-19:00" } },
}

fraud.camera_tampering(st, { at = "2024-06-03 14:20", duration = "3h", which = "station", how = "cover", card = false })
fraud.camera_tampering(st, { at = "2024-06-04 01:00", duration = "2h", which = "outfall", how = "power" })

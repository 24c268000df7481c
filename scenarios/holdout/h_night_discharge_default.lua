-- h_night_discharge_default.lua — holdout: night discharge with the library's defaults
-- (Jiaxing night case): on the second night the outfall camera is turned away at 22:45,
-- the sampling hose put onto the tap at 22:50, from 23:00 for 4 h the treatment is off and
-- production pushed to ×1.5; back to normal at 03:00, hose back 03:20, camera back.
-- A detector should see: camera off preset, a door entry at night, flow up at night,
-- treatment current down while production current is up, flat low concentrations.
scenario {
  name     = "holdout: dyeing plant, night discharge (library defaults)",
  start    = "2025-03-10 00:00",
  duration = "2d",
  seed     = 504,
}

local fraud = require "fraud"

local st = station {
  mn       = "33048200000104",
  name     = "嘉兴某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 70 },
}

fraud.night_discharge(st, { at = "2025-03-11 23:00", duration = "4h" })

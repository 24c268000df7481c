-- fraud_bypass_discharge.lua — chemical plant (50 m³/h): from noon on day 1 a valve sends
-- 25 m³/h to a hidden outlet for 24 hours; the monitored outfall carries only half of what
-- production, water intake and the pump currents imply.
scenario {
  name     = "chemical plant, half the wastewater through a hidden outlet",
  start    = "2022-12-05 00:00",
  duration = "2d",
  seed     = 61,
}

local fraud = require "fraud"

local st = station {
  mn       = "33010001CHM0004",
  name     = "某化工公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "chemical", flow_m3h = 50 },
}

fraud.bypass_discharge(st, { at = "2022-12-05 12:00", duration = "24h", m3h = 25 })

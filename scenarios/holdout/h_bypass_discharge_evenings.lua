-- h_bypass_discharge_evenings.lua — holdout: on two evenings from 20:00 for 8 h (over
-- midnight) a hidden valve sends up to 12 m³/h of a 25 m³/h electroplating plant past the
-- outfall. Production runs 08:00–02:00. HJ 212-2025.
-- A detector should see: outfall flow about halved in those hours while the production
-- and treatment currents are as on other evenings.
scenario {
  name     = "holdout: electroplating plant, evening bypass two days, 2025",
  start    = "2022-10-10 00:00",
  duration = "2d",
  seed     = 538,
}

local fraud = require "fraud"

local st = station {
  mn       = "33048300000138",
  name     = "嘉善某电镀有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "electroplating", flow_m3h = 25, shifts = { "08:00-02:00" } },
}

fraud.bypass_discharge(st, { at = "20:00", duration = "8h", m3h = 12, days = 2 })

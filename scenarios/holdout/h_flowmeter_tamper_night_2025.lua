-- h_flowmeter_tamper_night_2025.lua — holdout: the flow meter's converter set to report
-- 30 % of the true flow at 20:00 on day 1 by a person without a card, restored 14 h later
-- (10:00 day 2: over midnight). Electroplating, two shifts 07:00–23:00, HJ 212-2025.
-- A detector should see: reported flow down to 30 % while the production and treatment
-- currents follow their usual pattern; forced entries at 19:58 and 10:00.
scenario {
  name     = "holdout: electroplating plant, flow meter x0.3 overnight, 2025",
  start    = "2024-03-04 00:00",
  duration = "2d",
  seed     = 532,
}

local fraud = require "fraud"

local st = station {
  mn       = "44060600000132",
  name     = "佛山顺德某电镀有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "electroplating", flow_m3h = 30, shifts = { "07:00-23:00" } },
}

fraud.flowmeter_tamper(st, { at = "20:00", duration = "14h", factor = 0.3, card = false })

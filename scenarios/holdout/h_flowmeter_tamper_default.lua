-- h_flowmeter_tamper_default.lua — holdout: flow-meter tamper with the library's defaults:
-- on day 2 at 08:00 an operator (card) sets the converter to report half the true flow,
-- restores it at 20:00.
-- A detector should see: the door entry, reported flow halved while the production and
-- treatment currents (and the concentrations) are unchanged, daily load implausibly low.
scenario {
  name     = "holdout: food plant, flow meter scaled x0.5 (library defaults)",
  start    = "2024-01-08 00:00",
  duration = "2d",
  seed     = 509,
}

local fraud = require "fraud"

local st = station {
  mn       = "41010500000109",
  name     = "郑州某食品有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "food", flow_m3h = 40 },
}

fraud.flowmeter_tamper(st, { at = "+1d8h", duration = "12h" })

-- fraud_flowmeter_tamper.lua — food plant: the flow meter's converter is set to report half
-- the true flow (daily loads halved; flow no longer follows production and the pump
-- currents). From 08:30 on day 1 to the end of the run.
scenario {
  name     = "food plant, flow meter scaled to 0.5",
  start    = "2024-04-08 00:00",
  duration = "2d",
  seed     = 31,
}

local fraud = require "fraud"

local st = station {
  mn       = "33060001FOD0002",
  name     = "某食品加工公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "food", flow_m3h = 35, shifts = { "06:00-20:00" } },
}

fraud.flowmeter_tamper(st, { at = "2024-04-08 08:30", factor = 0.5, who = "maintenance", card = "0044" })

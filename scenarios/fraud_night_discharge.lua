-- fraud_night_discharge.lua — dyeing plant running around the clock, HJ 212-2025. Two
-- nights: the outfall camera is turned away at 22:50, the sampling hose put onto a tap,
-- from 23:00 for 4 h the treatment is stopped (blower and lift pump off) and production is
-- pushed to x1.6; then everything is put back. The analyzers read tap water, the pH probe in
-- the channel sees the raw alkaline water, the treatment current drops while flow is high.
scenario {
  name     = "dyeing plant, night discharge with camera turned and hose on the tap, two nights",
  start    = "2022-02-08 00:00",
  duration = "3d",
  seed     = 8,
}

local fraud = require "fraud"

local st = station {
  mn       = "33040001DYE0003",
  name     = "某印染公司 废水总排口",
  protocol = "2025",
  plant    = { profile = "dyeing", flow_m3h = 80 },
}

fraud.night_discharge(st, {
  at = "23:00", duration = "4h", turn_camera = true, treatment = 0, production = 1.6,
  hose = "tap", facilities_off = { "blower", "lift_pump" }, days = 2,
})

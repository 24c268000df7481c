-- fraud_treatment_stopped.lua — dyeing plant with two production lines and three treatment
-- facilities: to save power the blower, the lift pump and the dosing unit are switched off
-- from 08:00 for 10 hours while both lines run. Treatment currents fall to zero, COD rises
-- toward the equalised raw water with the treatment tank's time constant (8 h).
scenario {
  name     = "dyeing plant, treatment facilities switched off by day",
  start    = "2022-08-01 00:00",
  duration = "2d",
  seed     = 37,
}

local fraud = require "fraud"

local st = station {
  mn       = "33040001DYE0005",
  name     = "某印染公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 100, shifts = { "06:00-22:00" } },
  facilities = { production = { "line1", "line2" }, treatment = { "blower", "lift_pump", "dosing" } },
}

fraud.treatment_stopped(st, { at = "2022-08-01 08:00", duration = "10h",
  facilities = { "blower", "lift_pump", "dosing" } })

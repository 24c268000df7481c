scenario { name = "fraud library lines", start = "2022-02-08 00:00", duration = "1d" }
local st = station { mn = "CHECK0001" }
local fraud = require "fraud"
-- the pour is done at 10:02 by the library; its water has a field the analyzer refuses
fraud.sample_cup_injection(st, { at = "10:02", water = { bod = 5 } })
-- scheduled by the library after the end of the run: a warning at this line
fraud.tap_water_dilution(st, { at = "+3d", duration = "2h" })

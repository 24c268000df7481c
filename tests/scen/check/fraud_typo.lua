scenario { name = "fraud typo", start = "2022-02-08 00:00", duration = "1d" }
local st = station { mn = "CHECK0001" }
local fraud = require "fraud"
-- fraud.commented_out(st) is not a call
at("01:00", function() fraud.tap_water_dillution(st, { at = "+2h", duration = "1h" }) end)
fraud.tap_water_dilution(st, { at = "+6h", duration = "1h" })

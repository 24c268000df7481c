scenario { name = "unreached", start = "2022-02-08 00:00", duration = "1d" }
local st = station { mn = "CHECK0001" }
local fraud = require "fraud"
if rand() > 2 then -- never
  truth.begin { type = "tap_dilution", station = st }
  fraud.tap_water_dillution(st, { at = "+2h" })
end

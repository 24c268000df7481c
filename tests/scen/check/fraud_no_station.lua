scenario { name = "fraud without its station", start = "2022-02-08 00:00", duration = "1d" }
local st = station { mn = "CHECK0001" }
local fraud = require "fraud"
at("10:00", function()
  fraud.sample_cup_injection({ at = "10:02" })
end)

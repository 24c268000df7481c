scenario { name = "hostile", start = "2022-02-08 00:00", duration = "2h" }
local st = station { mn = "HOSTILE0001" }
local fraud = require "fraud"
at("00:10", function() pcall(coroutine.wrap(function() while true do end end)) end)
fraud.camera_tampering(st, { at = "01:00", duration = "30m" })

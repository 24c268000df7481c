scenario { name = "hostile", start = "2022-02-08 00:00", duration = "2h" }
local st = station { mn = "HOSTILE0001" }
at("+10m", function() while true do pcall(function() while true do end end) end end)

scenario { name = "hostile", start = "2022-02-08 00:00", duration = "2h" }
local st = station { mn = "HOSTILE0001" }
for i = 1, 1e7 do at("01:00", function() end) end

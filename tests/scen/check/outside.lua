scenario { name = "outside", start = "2022-02-08 00:00", duration = "1d" }
local st = station { mn = "CHECK0001" }
at("10:00", function() end)
at("+3d", function() end)
after("2d", function() end)
every("1h", function() end, { from = "2022-02-10 08:00" })

scenario { name = "date", start = "2022-02-30 00:00", duration = "2h" }
local st = station { mn = "X1" }

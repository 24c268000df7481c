scenario { name = "hostile", start = "2022-02-08 00:00", duration = "2h" }
local st = station { mn = "HOSTILE0001" }
local function f() after("0s", f) end
at("00:05", f)

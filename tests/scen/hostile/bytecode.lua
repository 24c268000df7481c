scenario { name = "hostile", start = "2022-02-08 00:00", duration = "2h" }
local st = station { mn = "HOSTILE0001" }
local f = load("\27LuaT\0\25\147\r\n\26\n", "x", "b")
assert(f, "load refused")

scenario { name = "hostile", start = "2022-02-08 00:00", duration = "2h" }
local st = station { mn = "HOSTILE0001" }
local t, s = {}, string.rep("x", 1000000)
for i = 1, 1000 do t[i] = s .. i end

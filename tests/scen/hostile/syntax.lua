scenario { name = "syntax", start = "2022-02-08 00:00", duration = "2h" }
local st = station { mn = "X1" 
st = = 3

scenario { name = "hostile", start = "2022-02-08 00:00", duration = "2h" }
local st = station { mn = "HOSTILE0001" }
at("00:10", function() st.dau:filter("cod", function(v) return v.x end) end)

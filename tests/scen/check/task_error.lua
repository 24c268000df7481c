scenario { name = "task error", start = "2022-02-08 00:00", duration = "1d" }
local st = station { mn = "CHECK0001" }
at("10:00", function() st.cod:comand("measure") end)
every("6h", function() local pipe; pipe:stop() end, { from = "06:00" })
at("20:00", function() log("the timeline goes on after an error") end)

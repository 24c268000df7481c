scenario { name = "analyzer busy", start = "2022-02-08 00:00", duration = "1d" }
local st = station { mn = "CHECK0001" }
at("10:00", function() st.cod:command("measure") end)
at("10:05", function() st.cod:command("calibrate") end)
at("10:06", function() log("wait:", st.cod:command("calibrate", { wait = "20m" })) end)
at("10:07", function() log("wait:", st.cod:command("calibrate", { wait = "2h" })) end)

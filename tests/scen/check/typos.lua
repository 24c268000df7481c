scenario { name = "typos", start = "2022-02-08 00:00", duration = "1d" }
local st = station { mn = "CHECK0001" }
local fraud = require "fraud"
at("01:00", function() fraud.sample_cup_injectoin(st, { at = "02:00" }) end)
at("02:00", function() st.cdo:command("measure") end)
at("03:00", function() st.cod:comand("measure") end)
at("04:00", function() st.channel:add_inflow { source = "tap", m3 = 20 } end)
at("05:00", function() fraud.tap_water_dilution(st, { at = "06:00", duraton = "1h" }) end)

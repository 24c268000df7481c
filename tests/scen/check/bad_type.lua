scenario { name = "bad type", start = "2022-02-08 00:00", duration = "1d" }
local st = station { mn = "CHECK0001" }
at("01:00", function()
  local id = truth.begin { type = "tap_dilution", station = st, note = "typo" }
end)

scenario { name = "hostile", start = "2022-02-08 00:00", duration = "2h" }
local st = station { mn = "HOSTILE0001" }
every("1s", function()
  for i = 1, 100 do print(string.rep("y", 1000)) end
end)

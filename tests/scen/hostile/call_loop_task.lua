scenario { name = "hostile", start = "2022-02-08 00:00", duration = "2h" }
local st = station { mn = "HOSTILE0001" }
at("00:10", function()
  local t = setmetatable({}, {}); getmetatable(t).__call = t
  while true do pcall(t) end
end)

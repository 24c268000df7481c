-- forgot scenario{}
local x = 1

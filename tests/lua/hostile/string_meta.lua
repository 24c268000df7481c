-- hostile: replace the string metatable index
getmetatable("").__index = function() while true do end end
local x = ("abc"):upper()

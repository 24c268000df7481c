-- hostile: the same __call loop, retried under pcall after each failure
local t = setmetatable({}, {}); getmetatable(t).__call = t
while true do pcall(t) end

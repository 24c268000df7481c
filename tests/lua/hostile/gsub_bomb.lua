-- hostile: a string doubling through gsub
local s = "x"
for i = 1, 64 do s = s:gsub(".", "%0%0") end

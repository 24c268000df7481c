-- hostile: many large strings
local t = {}
for i = 1, 1e9 do t[i] = string.rep("0123456789", 100000) .. i end

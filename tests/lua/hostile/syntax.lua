-- hostile: a syntax error
local a = 1

local b = = 2

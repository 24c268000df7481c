-- hostile: one huge string
local s = string.rep("x", 1e10)

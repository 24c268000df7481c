-- hostile: string.rep of an empty string loops in C without allocating
local s = string.rep("", 1e18)

-- hostile: a __call chain that never reaches a function loops inside the Lua core
-- (no VM instruction runs, so the count hook never fires)
local t = setmetatable({}, {}); getmetatable(t).__call = t; t()

-- hostile: a __gc placeholder replaced later
local mt = { __gc = true }
setmetatable({}, mt)

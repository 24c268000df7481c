-- hostile: deep recursion
local function f() return 1 + f() end
f()

-- test module: counts its loads in a global
loads = (loads or 0) + 1
local M = { name = ... }
function M.twice(x) return 2 * x end
return M

-- test module failing at load
local x = 1
error("module broke")

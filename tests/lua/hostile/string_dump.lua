-- hostile: produce bytecode
local b = string.dump(function() return 1 end)

-- hostile: a reader feeding the parser endless comment text
local piece = "--" .. string.rep("x", 1000000) .. "\n"
local f, msg = load(function() return piece end)
error(msg, 0)

-- hostile: the string metatable made callable by a string: ("")() loops in the core
getmetatable("").__call = "x"
local s = ("")()

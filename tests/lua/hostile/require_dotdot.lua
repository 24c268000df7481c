-- hostile: climb out of the library directory
local x = require "../x"

-- hostile: a dotted or absolute module path
local x = require "/etc/passwd"

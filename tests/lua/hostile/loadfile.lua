-- hostile: load another file
local f = loadfile("/etc/passwd")

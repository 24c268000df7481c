-- hostile: read a file through io
local f = io.open("/etc/passwd")
print(f:read("a"))

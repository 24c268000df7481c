-- hostile: load a standard library by name
local os = require "os"
os.exit(1)

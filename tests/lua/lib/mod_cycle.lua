-- test module requiring itself
local me = require "mod_cycle"
return {}

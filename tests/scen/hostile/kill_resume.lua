scenario { name = "hostile", start = "2022-02-08 00:00", duration = "2h" }
local st = station { mn = "HOSTILE0001" }
coroutine.resume(coroutine.create(function() while true do end end))
log("survived")

scenario { name = "hostile", start = "2022-02-08 00:00", duration = "2h" }
local st = station { mn = "HOSTILE0001" }
at("00:10", function()
  pcall(coroutine.wrap(function()
    coroutine.resume(coroutine.create(function()
      while true do end
    end))
    log("survived inside")
  end))
  log("survived")
end)

-- a coroutine that fails at run time
at("10:05", function()
  local x = nil
  sleep("1m")
  return x.field
end)

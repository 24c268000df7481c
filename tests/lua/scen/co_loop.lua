-- a scheduled infinite loop
every("1h", function()
  while true do end
end)

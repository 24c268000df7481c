-- hostile: pcall swallowing the budget error, in a loop
while true do
  pcall(function() while true do end end)
end

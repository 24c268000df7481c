-- hostile: a to-be-closed variable looping on error
while true do
  pcall(function()
    local x <close> = setmetatable({}, { __close = function() while true do end end })
    error("boom")
  end)
end

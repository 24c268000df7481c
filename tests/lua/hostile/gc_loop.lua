-- hostile: a finalizer that never returns (hooks do not run in finalizers)
setmetatable({}, { __gc = function() while true do end end })

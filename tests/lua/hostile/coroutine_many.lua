-- hostile: a million coroutines of a few hundred instructions each (a new thread's count
-- starts afresh, so each used to finish before the hook ever fired)
for i = 1, 1e6 do coroutine.wrap(function() for j = 1, 300 do end end)() end

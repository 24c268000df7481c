-- hostile: a number where a time string belongs
at(1005, function() end)

-- hostile: yield from the main chunk
coroutine.yield(1)

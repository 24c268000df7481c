-- hostile: sleep outside a scheduled coroutine
sleep("1m")

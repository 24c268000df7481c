-- hostile: every without a function
every("1h", "not a function")

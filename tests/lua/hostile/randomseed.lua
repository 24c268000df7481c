-- hostile: reseed the run
math.randomseed(42)

-- hostile: run another file
dofile("/etc/passwd")

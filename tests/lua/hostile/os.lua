-- hostile: run a command
os.execute("touch /tmp/hjrange-pwned")

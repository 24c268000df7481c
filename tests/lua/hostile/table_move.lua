-- hostile: table.move over 10^15 empty slots (no allocation, no VM instruction)
table.move({}, 1, 1e15, 2)

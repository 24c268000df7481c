scenario { name = "empty", start = "2022-02-08 00:00", duration = "1d" }

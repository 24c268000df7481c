scenario { name = "typo at the top", start = "2022-02-08 00:00", durtion = "1d" }

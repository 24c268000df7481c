-- records.jsonl stays in time order when a record is filed for an earlier time.
scenario { name = "rec", start = "2022-02-08 00:00", duration = "6h" }
local st = station { mn = "REC0001" }
records.work_order { station = st, task = "maintenance", start = "04:00", ["end"] = "04:30" }
records.work_order { station = st, task = "late", start = "+10h", ["end"] = "+11h" }
at("04:30", function() records.lab { station = st, param = "nh3n", time = "03:30", value = 3.5 } end)
at("01:00", function() records.lab { station = st, param = "w21011", time = "01:00", value = 0.5 } end)

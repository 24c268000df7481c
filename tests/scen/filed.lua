-- A maintenance flag for 3 h under a work order that covers it; the order was filed FILED
-- (filed.sh writes it: in the job, or the next morning to cover the flags afterwards).
scenario { name = "filed", start = "2022-02-08 00:00", duration = "2d", seed = 5 }
local fraud = require "fraud"
local st = station { mn = "33040001FLD0001", plant = { profile = "dyeing", flow_m3h = 60 },
                     analyzers = { cod = true, nh3n = true, tp = true } }
fraud.false_flag(st, { at = "2022-02-08 14:00", duration = "3h", flag = "M" })
records.work_order { station = st, task = "maintenance", start = "2022-02-08 14:00",
                     ["end"] = "2022-02-08 17:00", who = "运维 张工", filed = "FILED" }

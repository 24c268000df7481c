-- fraud_fake_shutdown_discharge.lua — a fake shutdown covering a discharge: a glass kiln reports
-- itself stopped (F on every code, set at the DAU) from 23:00 to 05:00 while it runs at full
-- load with its FGD and SCR switched off; the fan current and the flue flow say it runs, the
-- flagged minutes hide the raw SO2 and NOx. Two truth events: fake_shutdown, treatment_stopped.
scenario {
  name     = "drill: fake shutdown covering a discharge at a glass kiln",
  start    = "2024-11-04 12:00",
  duration = "1d",
  seed     = 62,
}

local st = station {
  kind  = "gas",
  mn    = "33040001GLS0201",
  name  = "某玻璃公司 熔窑排口（演练）",
  plant = { profile = "glass_kiln", load = 0.9 },
  limits = { so2 = 100, nox = 200, pm = 10, o2_ref = 8 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
}
local fraud = require "fraud"

fraud.fake_shutdown(st, { at = "23:00", duration = "6h" })
fraud.treatment_stopped(st, { at = "23:10", duration = "5h40m", facilities = { "fgd", "scr" } })

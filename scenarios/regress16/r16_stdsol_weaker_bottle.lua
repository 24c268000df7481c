-- r16_stdsol_weaker_bottle.lua — regression (issue 16): standard solutions that are not
-- what their label says, used for a calibration filed as routine O&M (work order), at two
-- stations. At the chemical plant the COD bottle labelled 100 holds 80 (weaker than its
-- label): the calibration sets the slope 1.25 times higher and every later reading is a
-- quarter too high. At the dyeing plant the library's bottle is only mildly off (x1.1):
-- readings about 9 % low, within the plant's own variation. A detector should see the slope
-- the calibration set (3020 i13008) and the level after it move by more than an honest
-- calibration on a true bottle does (about 1 %), in either direction.
scenario {
  name     = "regress16: calibrations on standard bottles weaker / mildly stronger than labelled",
  start    = "2023-05-08 00:00",
  duration = "2d",
  seed     = 1602,
}

local fraud = require "fraud"

local chem = station {
  mn       = "32020016CHM0001",
  name     = "无锡某化工有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "chemical", flow_m3h = 40 },
}

local dye = station {
  mn       = "33040016DYE0002",
  name     = "绍兴某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 80 },
}

at("2023-05-09 09:20", function()
  local id = truth.begin { type = "standard_solution_tamper", station = chem,
    note = "COD bottle labelled 100 holds 80; the analyzer calibrated on it under a work order" }
  chem:person_enters { who = "运维 王工", card = "0007" }
  sleep("2m")
  chem.cod:standard { cod = 80 }
  chem.cod:command("calibrate", { wait = "45m" })
  sleep("2m")
  chem:person_leaves { who = "运维 王工" }
  records.work_order { station = chem, task = "calibration", start = "2023-05-09 09:20",
    ["end"] = "2023-05-09 10:30", who = "运维 王工" }
  sleep("20h")
  truth.finish(id)
end)

fraud.standard_solution_tamper(dye, { at = "2023-05-09 14:05", factor = 1.1, duration = "20h" })

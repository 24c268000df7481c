-- fraud_standard_solution_tamper.lua — chemical plant (COD limit 500), HJ 212-2025. At a
-- routine-looking calibration (work order filed) the O&M technician puts a COD standard
-- bottle labelled 100 that really holds 130 mg/L: the calibration sets slope = 1/1.3 and
-- every reading afterwards is about 23 % low. Later standard checks pass (the bottle reads
-- its label). The daily lab comparison samples (real COD) disagree with the analyzer.
scenario {
  name     = "chemical plant, COD standard bottle stronger than its label",
  start    = "2023-03-20 00:00",
  duration = "3d",
  seed     = 41,
}

local fraud = require "fraud"

local st = station {
  mn       = "32020001CHM0003",
  name     = "某精细化工公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "chemical", flow_m3h = 45, effluent = { cod = 430 } },
}

fraud.standard_solution_tamper(st, { at = "2023-03-20 13:40", param = "cod", factor = 1.3,
  calibrate = true, work_order = true, who = "运维 李工", card = "0007" })

-- lab comparison samples taken by the O&M company (grab samples, lab dichromate method):
-- the true effluent, not what the calibrated-low analyzer says
for _, d in ipairs({ "2023-03-20", "2023-03-21", "2023-03-22" }) do
  records.lab { station = st, param = "cod", time = d .. " 09:00", value = math.floor(rand_normal(430, 20) + 0.5) }
end

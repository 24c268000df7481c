-- h_standard_solution_tamper_nh3n_lab.lua — holdout: NH3-N standard bottle labelled 5
-- that holds 7.5 (factor 1.5), the NH3-N analyzer calibrated on it at 09:00 on day 1, a
-- routine calibration work order filed; restored after 30 h. Lab comparison samples on
-- both days disagree with the analyzer (lab ~ the true 10–13, analyzer a third lower). Dyeing, 2017.
-- A detector should see: a calibration (with a work order) followed by an NH3-N step
-- down of a third alone, and lab NH3-N about 35–40 % over the analyzer (lab COD agrees).
scenario {
  name     = "holdout: dyeing plant, NH3-N standard bottle x1.5, lab disagrees",
  start    = "2022-05-09 00:00",
  duration = "2d",
  seed     = 529,
}

local fraud = require "fraud"

local st = station {
  mn       = "33100200000129",
  name     = "台州某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 60, effluent = { nh3n = 12 } },
}

fraud.standard_solution_tamper(st, { at = "09:00", duration = "30h", param = "nh3n", factor = 1.5,
  who = "运维 陈工", card = "0021" })

records.lab { station = st, param = "nh3n", time = "2022-05-09 15:00", value = 9.9 }
records.lab { station = st, param = "nh3n", time = "2022-05-10 10:00", value = 12.5 }
records.lab { station = st, param = "cod", time = "2022-05-10 10:00", value = 153 }

-- fraud_calibration_flag_abuse.lua — after the FGD's slurry pumps trip in the afternoon the SO2
-- rises over the limit; the operator holds the SO2 and NOx analyzers' calibration status on
-- from their service menu, so those hours are flagged C and never averaged. No work order.
scenario {
  name     = "fraud: calibration status held on over an exceedance",
  start    = "2024-11-04 00:00",
  duration = "1d",
  seed     = 45,
}

local st = station {
  kind  = "gas",
  mn    = "33040001PWR0105",
  name  = "某热电公司 6#锅炉排口",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}
local fraud = require "fraud"

-- the FGD trips (the exceedance the flags hide): honest trouble, dishonest reporting
at("14:00", function()
  st.facility.fgd:set { on = false }
  sleep("4h")
  st.facility.fgd:set { on = true }
end)
fraud.calibration_flag_abuse(st, { at = "14:20", duration = "4h", method = "hold" })

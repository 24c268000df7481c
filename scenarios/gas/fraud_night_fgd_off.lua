-- fraud_night_fgd_off.lua — a night a drill organiser stages at a coal boiler: at 22:00 the
-- station camera is turned away, the operator lets ambient air into the sample at the pump's
-- inlet (in-situ O2: the converted values fall one for one), and from 22:30 to 05:30 the FGD's
-- slurry pumps are switched off to save power. Three truth events: camera_tampering,
-- probe_dilution, treatment_stopped.
scenario {
  name     = "drill: a night with the FGD off, the probe diluted and the camera turned",
  start    = "2024-11-04 12:00",
  duration = "1d",
  seed     = 61,
}

local st = station {
  kind  = "gas",
  mn    = "33040001PWR0201",
  name  = "某热电公司 1#锅炉排口（演练）",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}
local fraud = require "fraud"

fraud.camera_tampering(st, { at = "21:50", duration = "8h", which = "station", pan = 150 })
fraud.probe_dilution(st, { at = "22:00", duration = "7h30m", air = 0.5, where = "pump" })
fraud.treatment_stopped(st, { at = "22:30", duration = "7h", facilities = { "fgd" } })

-- fraud_fake_shutdown.lua — the DAU is set at its panel to report the boiler stopped (F) for
-- six hours while the fan, the load and the flue flow say it runs.
scenario {
  name     = "fraud: fake shutdown at a coal boiler",
  start    = "2024-11-04 00:00",
  duration = "1d",
  seed     = 46,
}

local st = station {
  kind  = "gas",
  mn    = "33040001PWR0106",
  name  = "某热电公司 7#锅炉排口",
  plant = { profile = "coal_boiler", load = 0.85, flue_nm3h = 250000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "insitu", co = true, pm = true },
  stack = { area_m2 = 7.07, kv = 1.0, bypass = true },
}
local fraud = require "fraud"

fraud.fake_shutdown(st, { at = "16:00", duration = "6h" })

-- h_dau_tamper_default.lua — holdout: DAU tamper with the library's defaults (mode
-- "scale", COD × 0.6, no one on site): from day 2 00:00 for 18 h the DAU uploads 60 % of
-- the COD the analyzer produced.
-- A detector should see: uploaded COD 40 % under the analyzer's own record (Modbus) while
-- NH3-N/TP, flow and the currents are unchanged.
scenario {
  name     = "holdout: dyeing plant, DAU scales COD (library defaults)",
  start    = "2023-02-20 00:00",
  duration = "2d",
  seed     = 508,
}

local fraud = require "fraud"

local st = station {
  mn       = "33078200000108",
  name     = "义乌某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 60 },
}

fraud.dau_tamper(st, { at = "+1d", duration = "18h" })

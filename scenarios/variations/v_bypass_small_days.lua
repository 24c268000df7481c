-- v_bypass_small_days.lua — small bypass by day, two days: a food plant (30 m³/h, shift
-- 07:00–19:00, HJ 212-2025) opens a valve to a rain-water drain that takes up to 8 m³/h
-- past the monitored outfall from 09:00 for 8 hours on two days (library, days = 2). A
-- detector should see: outfall flow ~25 % below what production current and the usual
-- day pattern imply during the shift, concentrations unchanged, treatment currents normal.
scenario {
  name     = "variation: food plant, 8 m3/h bypass by day, two days",
  start    = "2024-06-17 00:00",
  duration = "3d",
  seed     = 331,
}

local fraud = require "fraud"

local st = station {
  mn       = "44060620240036",
  name     = "佛山某食品有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "food", flow_m3h = 30, shifts = { "07:00-19:00" } },
}

fraud.bypass_discharge(st, { at = "2024-06-18 09:00", duration = "8h", m3h = 8, days = 2 })

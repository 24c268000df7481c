-- v_flowmeter_04_early.lua — flow meter scaled to 0.4 in the second hour of the run (the
-- baselines are very young), to the end. A dyeing plant (80 m³/h around the clock, HJ
-- 212-2025): an employee enters with his card at 00:58 and sets the converter so it
-- reports 40 % of the true flow. A detector should see: flow stepping down to 40 % at
-- 01:00 while the production and pump currents do not change; concentrations unchanged,
-- so daily loads implausibly low; a card entry minutes before.
scenario {
  name     = "variation: dyeing plant, flow meter x0.4 from the second hour",
  start    = "2024-05-13 00:00",
  duration = "2d",
  seed     = 321,
}

local fraud = require "fraud"

local st = station {
  mn       = "33078220240025",
  name     = "义乌某印染有限公司 废水总排口",
  protocol = "2025",
  plant    = { profile = "dyeing", flow_m3h = 80 },
}

fraud.flowmeter_tamper(st, { at = "2024-05-13 01:00", factor = 0.4, who = "employee", card = "0031" })

-- h_dau_tamper_cap_onsite_2025.lua — holdout: a box plugged into the DAU at 01:00 (first
-- hour of the run, a worker with his card, 5 min in the room) rewrites every COD over 190
-- to 92–97 % of 190; the plant genuinely exceeds (effluent mean 215, limit 200). Stays
-- 36 h. HJ 212-2025.
-- A detector should see: COD bunching just under the limit, the analyzer's own Modbus
-- record over 200 while the upload is under; a door entry at the start.
scenario {
  name     = "holdout: dyeing plant, DAU caps COD under the limit, on-site box, 2025",
  start    = "2025-09-22 00:00",
  duration = "2d",
  seed     = 530,
}

local fraud = require "fraud"

local st = station {
  mn       = "33020600000130",
  name     = "宁波北仑某印染有限公司 废水总排口",
  protocol = "2025",
  plant    = { profile = "dyeing", flow_m3h = 80, effluent = { cod = 215 } },
  limits   = { cod = 200 },
}

fraud.dau_tamper(st, { at = "01:00", duration = "36h", mode = "cap", cap = 190, on_site = true,
  who = "外来人员", card = "0088" })

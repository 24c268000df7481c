-- v_dau_offset_onsite.lua — DAU tamper by a constant offset, installed on site at night: a
-- dyeing plant (dichromate COD, limit 200, effluent 210, HJ 212-2017). At 22:40 on day 1
-- a person enters without a card and plugs a box into the DAU that subtracts 45 mg/L from
-- every COD value before upload; it stays to the end. A detector should see: a forced entry
-- at night, then uploaded COD 45 lower than the analyzer's Modbus record (a constant
-- difference, not a ratio), COD's relation to NH3-N/TP and conductivity shifted.
scenario {
  name     = "variation: dyeing plant, DAU box subtracts 45 from COD, installed at night",
  start    = "2023-03-20 00:00",
  duration = "2d",
  seed     = 319,
}

local fraud = require "fraud"

local st = station {
  mn       = "33038120230023",
  name     = "温州某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 80, effluent = { cod = 210 } },
  limits   = { cod = 200, nh3n = 20, tp = 1.5, ph = { 6, 9 } },
}

fraud.dau_tamper(st, { at = "2023-03-20 22:40", codes = { "cod" }, mode = "offset", offset = -45,
  on_site = true, who = "stranger", card = false })

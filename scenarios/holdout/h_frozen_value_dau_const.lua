-- h_frozen_value_dau_const.lua — holdout: the DAU writes the constant 62.0 for COD from
-- 08:00 on day 1 for 28 h (Shanghai 2023 case), no one on site, while a real upset (raw
-- ×2 from 12:00 for 10 h) pushes the true COD over the limit 80. Electroplating, 2025.
-- A detector should see: identical COD values hour after hour while flow, NH3-N, TP vary
-- and the analyzer's own record moves (and exceeds).
scenario {
  name     = "holdout: electroplating plant, DAU constant COD during an upset, 2025",
  start    = "2023-03-27 00:00",
  duration = "2d",
  seed     = 536,
}

local fraud = require "fraud"

local st = station {
  mn       = "31011500000136",
  name     = "上海浦东某电镀有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "electroplating", flow_m3h = 18 },
}

at("12:00", function()
  st.plant:set { upset = 2 }
  sleep("10h")
  st.plant:set { upset = 1 }
end)

fraud.frozen_value(st, { at = "08:00", duration = "28h", method = "dau", value = 62.0 })

-- v_frozen_dau_nh3n.lua — frozen value written by the DAU on NH3-N: a municipal plant (NH3-N
-- limit 5, effluent 2.5, HJ 212-2025) has its NH3-N uploaded as the constant 1.20 from 02:00
-- on day 1 (early in the run) for 22 hours while the analyzer keeps measuring (library,
-- method = "dau"). A detector should see: 22 identical hourly NH3-N values while flow,
-- COD and TN follow the city's daily pattern; the analyzer's Modbus record disagrees.
scenario {
  name     = "variation: municipal plant, NH3-N uploaded as 1.20 for 22 h by the DAU",
  start    = "2025-01-06 00:00",
  duration = "2d",
  seed     = 330,
}

local fraud = require "fraud"

local st = station {
  mn       = "31011520250035",
  name     = "上海某污水处理厂 出水口",
  protocol = "2025",
  plant    = { profile = "municipal", flow_m3h = 2500, effluent = { nh3n = 2.5 } },
}

fraud.frozen_value(st, { at = "2025-01-06 02:00", duration = "22h", param = "nh3n", method = "dau", value = 1.20 })

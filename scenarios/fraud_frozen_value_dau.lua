-- fraud_frozen_value_dau.lua — a variation of frozen_value after the Shanghai 2023 case: a
-- chemical plant's DAU uploads COD as the constant 186.0 for 26 hours (a hidden interface
-- writes it), while the analyzer keeps measuring and the plant's real COD moves with a
-- process upset (raw water twice as strong). Hourly records carry identical COD values.
scenario {
  name     = "chemical plant, COD uploaded as a constant for 26 h",
  start    = "2023-02-13 00:00",
  duration = "2d",
  seed     = 67,
}

local fraud = require "fraud"

local st = station {
  mn       = "31011501CHM0005",
  name     = "某化工公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "chemical", flow_m3h = 55 },
}

at("2023-02-13 10:00", function()
  st.plant:set { upset = 2 }
  sleep("18h")
  st.plant:set { upset = 1 }
end)

fraud.frozen_value(st, { at = "2023-02-13 08:00", duration = "26h", param = "cod", method = "dau", value = 186.0 })

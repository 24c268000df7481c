-- fraud_frozen_value.lua — municipal plant (COD limit 50): the COD analyzer's output is held
-- at a constant 28.0 for 22 hours (Shanghai 2023: COD constant for more than 20 h) while a
-- process upset (raw water 2.5 times as strong) raises the real COD; flow and currents vary.
scenario {
  name     = "municipal plant, COD held constant for 22 h",
  start    = "2023-06-12 00:00",
  duration = "2d",
  seed     = 53,
}

local fraud = require "fraud"

local st = station {
  mn       = "31011501MUN0002",
  name     = "某污水处理厂 出水口",
  protocol = "2017",
  plant    = { profile = "municipal", flow_m3h = 1500 },
}

at("2023-06-12 07:00", function()
  st.plant:set { upset = 2.5 }
  sleep("20h")
  st.plant:set { upset = 1 }
end)

fraud.frozen_value(st, { at = "2023-06-12 06:00", duration = "22h", param = "cod", method = "freeze", value = 28.0 })

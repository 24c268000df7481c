-- fraud_analyzer_param_tamper.lua — municipal treatment plant (class 1A, COD limit 50):
-- at 09:30 someone at the COD analyzer's panel sets the slope to 0.6 (a step down of 40 %
-- with no calibration work order); the setting stays until the next afternoon. The
-- parameter differs from its registered value in the 3020 upload.
scenario {
  name     = "municipal plant, COD analyzer slope changed to 0.6",
  start    = "2023-11-06 00:00",
  duration = "2d",
  seed     = 17,
}

local fraud = require "fraud"

local st = station {
  mn       = "33100001MUN0001",
  name     = "某城镇污水处理厂 出水口",
  protocol = "2017",
  plant    = { profile = "municipal", flow_m3h = 2000, effluent = { cod = 42 } },
  analyzers = { cod = "cod", nh3n = true, tp = true, tn = true, ph = true },
}

fraud.analyzer_param_tamper(st, {
  at = "2023-11-06 09:30", duration = "30h", param = "cod", setting = "slope", value = 0.6,
  restore = 1, who = "technician", card = "0105",
})

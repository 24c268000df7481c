-- fraud_dau_tamper_scale.lua — a variation of dau_tamper: a technician plugs a box into
-- the DAU of an electroplating plant (forced entry at night) that scales COD, NH3-N and TP
-- by 0.6 before upload: unrelated parameters move by exactly the same factor, the
-- analyzers' own records disagree with the uploads.
scenario {
  name     = "electroplating plant, DAU scales three parameters by 0.6",
  start    = "2024-01-15 00:00",
  duration = "2d",
  seed     = 19,
}

local fraud = require "fraud"

local st = station {
  mn       = "32050001ELP0002",
  name     = "某电镀公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "electroplating", flow_m3h = 25, effluent = { cod = 70, nh3n = 12, tp = 0.9 } },
}

fraud.dau_tamper(st, { at = "2024-01-15 23:20", codes = { "cod", "nh3n", "tp" }, mode = "scale", factor = 0.6,
  on_site = true, who = "stranger", card = false })

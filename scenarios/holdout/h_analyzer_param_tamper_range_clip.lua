-- h_analyzer_param_tamper_range_clip.lua — holdout: the COD analyzer's measuring range
-- narrowed to 0–190 (limit 200) at a dyeing plant whose effluent often exceeds 200
-- (mean 195). At 16:00 on day 1 someone enters without a card, with the station camera
-- turned 60° first; the setting stays to the end of the run. HJ 212-2025.
-- A detector should see: a parameter change (range 190 vs registered 1000) without a
-- work order, COD clipped at 190 (flag T / over range) while it used to pass 200.
scenario {
  name     = "holdout: dyeing plant, COD range clipped at 190, forced entry, 2025",
  start    = "2024-07-01 00:00",
  duration = "2d",
  seed     = 527,
}

local fraud = require "fraud"

local st = station {
  mn       = "33038100000127",
  name     = "瑞安某印染有限公司 废水总排口",
  protocol = "2025",
  plant    = { profile = "dyeing", flow_m3h = 85, effluent = { cod = 195 } },
  limits   = { cod = 200 },
}

fraud.analyzer_param_tamper(st, { at = "16:00", setting = "range", value = 190, card = false,
  camera = { which = "station", pan = 60 } })

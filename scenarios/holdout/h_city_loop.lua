-- h_city_loop.lua — holdout: a city's 10 monitored outfalls generated in a loop (all five
-- profiles twice, HJ 212-2017 and -2025 alternating, every third one with a TOC analyzer),
-- two days. Three frauds among them, honest confounders on others:
--   fraud   station 3  (food)           tap-water dilution 14 m3/h, day 1 21:00 for 9 h
--   fraud   station 6  (dyeing)         blower off by hand, day 2 09:00 for 7 h
--   fraud   station 9  (chemical, COD near its limit of 500) DAU caps COD at 475 for 30 h
--                                       while a true upset pushes it over
--   honest  station 2  (electroplating) standard checks each morning with work orders
--   honest  station 5  (municipal)      rain runoff into its combined channel, 4 h
--   honest  station 7  (electroplating) production stopped for day 2
--   honest  station 10 (municipal)      DAU offline 3 h, backfilled
-- A detector should raise the three frauds on their stations only.
scenario {
  name     = "holdout: city of 10 outfalls, 3 frauds",
  start    = "2024-06-17 00:00",
  duration = "2d",
  seed     = 550,
}

local fraud = require "fraud"

local PROFILES = { "dyeing", "electroplating", "food", "chemical", "municipal" }
local CITY = { "鄞州", "海曙", "江北", "镇海", "北仑", "奉化", "余姚", "慈溪", "象山", "宁海" }
local KIND = { dyeing = "印染有限公司 废水总排口", electroplating = "电镀有限公司 废水排放口",
  food = "食品有限公司 废水总排口", chemical = "化工有限公司 污水排放口", municipal = "污水处理厂 出水口" }
local FLOW = { dyeing = 80, electroplating = 20, food = 30, chemical = 50, municipal = 2000 }

local st = {}
for i = 1, 10 do
  local p = PROFILES[(i - 1) % 5 + 1]
  st[i] = station {
    mn        = string.format("330200%08d", 150 + i),
    name      = string.format("宁波%s某%s", CITY[i], KIND[p]),
    protocol  = (i % 2 == 0) and "2025" or "2017",
    plant     = { profile = p, flow_m3h = FLOW[p] * (0.8 + 0.05 * i),
                  effluent = (i == 9) and { cod = 440 } or nil },
    analyzers = { cod = (i % 3 == 0) and "toc" or "cod", nh3n = true, tp = true, ph = true,
                  tn = (p == "municipal") },
  }
end

-- frauds
fraud.tap_water_dilution(st[3], { at = "21:00", duration = "9h", m3h = 14 })
fraud.treatment_stopped(st[6], { at = "2024-06-18 09:00", duration = "7h", facilities = { "blower" } })
at("2024-06-17 10:00", function()
  st[9].plant:set { upset = 1.4 }
  sleep("12h")
  st[9].plant:set { upset = 1 }
end)
fraud.dau_tamper(st[9], { at = "2024-06-17 11:00", duration = "30h", limit = 500 })

-- honest: morning standard checks with work orders at station 2
every("1d", function()
  local t0 = fraud.time(nil)
  records.work_order { station = st[2], task = "standard_check", start = fraud.format_minute(t0),
    ["end"] = fraud.format_minute(t0 + 3600), who = "运维 周工" }
  st[2]:person_enters { who = "运维 周工", card = "0011" }
  sleep("3m")
  pcall(st[2].cod.command, st[2].cod, "standard_check")
  pcall(st[2].nh3n.command, st[2].nh3n, "standard_check")
  sleep("50m")
  st[2]:person_leaves { who = "运维 周工" }
end, { from = "2024-06-17 09:40" })

-- honest: storm runoff at the municipal plant (combined channel by design, visible)
at("2024-06-17 15:00", function()
  local rain = st[5].channel:add_inflow { source = "rain", m3h = 900, hidden = false }
  sleep("4h")
  rain:stop()
end)

-- honest: production stop on day 2
at("2024-06-18 00:00", function()
  st[7].plant:set { production = 0 }
  sleep("24h")
  st[7].plant:set { production = 1 }
end)

-- honest: network outage, backfilled
at("2024-06-18 03:00", function()
  st[10].dau:offline(true)
  sleep("3h")
  st[10].dau:offline(false)
end)

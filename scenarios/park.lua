-- park.lua — an industrial park with 8 monitored outfalls of mixed profiles, HJ 212-2017
-- and -2025, over two days. Three frauds among them, and on other stations the honest
-- situations a detector must not mistake for fraud:
--   fraud   DYE1  TOC analyzer, tap water in the sample cup twice (sample_cup_injection)
--   fraud   ELP1  hidden tap-water pipe at the sampling point overnight (tap_water_dilution)
--   fraud   CHM1  night discharge: outfall camera turned, hose on the tap, treatment off
--   honest  FOD1  production stop for a day (treatment running)
--   honest  DYE2  a real process upset over the COD limit for some hours, reported as is
--   honest  MUN1  scheduled standard checks with work orders and a technician's card entry
--   honest  ELP2  network outage of 4 h, backfilled
--   honest  CHM2  nothing happens
scenario {
  name     = "industrial park, 8 stations, 3 frauds and honest confounders",
  start    = "2023-04-17 00:00",
  duration = "2d",
  seed     = 2023,
}

local fraud = require "fraud"

local dye1 = station { mn = "33040001PRK0001", name = "园区 印染一厂", protocol = "2017",
  plant = { profile = "dyeing", flow_m3h = 100, effluent = { cod = 205 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true } }
local dye2 = station { mn = "33040001PRK0002", name = "园区 印染二厂", protocol = "2025",
  plant = { profile = "dyeing", flow_m3h = 70 } }
local elp1 = station { mn = "33040001PRK0003", name = "园区 电镀一厂", protocol = "2025",
  plant = { profile = "electroplating", flow_m3h = 20, shifts = { "07:00-23:00" } } }
local elp2 = station { mn = "33040001PRK0004", name = "园区 电镀二厂", protocol = "2017",
  plant = { profile = "electroplating", flow_m3h = 15, effluent = { cod = 45 } } }
local chm1 = station { mn = "33040001PRK0005", name = "园区 化工一厂", protocol = "2017",
  plant = { profile = "chemical", flow_m3h = 60 } }
local chm2 = station { mn = "33040001PRK0006", name = "园区 化工二厂", protocol = "2025",
  plant = { profile = "chemical", flow_m3h = 40 }, analyzers = { cod = "toc", nh3n = true, tp = true, ph = true } }
local fod1 = station { mn = "33040001PRK0007", name = "园区 食品厂", protocol = "2025",
  plant = { profile = "food", flow_m3h = 30 } }
local mun1 = station { mn = "33040001PRK0008", name = "园区 污水处理厂", protocol = "2017",
  plant = { profile = "municipal", flow_m3h = 1200 } }
local _ = chm2 -- the quiet reference station

-- frauds
fraud.sample_cup_injection(dye1, { at = "2023-04-17 10:20", analyzer = "toc", ml = 150 })
fraud.sample_cup_injection(dye1, { at = "2023-04-18 15:21", analyzer = "toc", ml = 180, card = false })
fraud.tap_water_dilution(elp1, { at = "2023-04-17 20:00", duration = "10h", m3h = 12 })
fraud.night_discharge(chm1, { at = "2023-04-17 23:30", duration = "4h", turn_camera = true, treatment = 0,
  production = 1.6, hose = "tap" })

-- honest: production stop on day 2 at the food plant
at("2023-04-18 00:00", function()
  fod1.plant:set { production = 0 }
  sleep("24h")
  fod1.plant:set { production = 1 }
end)

-- honest: real upset at the second dyeing plant
at("2023-04-17 06:00", function()
  dye2.plant:set { upset = 2.5 }
  sleep("10h")
  dye2.plant:set { upset = 1 }
end)

-- honest: daily standard checks at the municipal plant, with work orders
every("1d", function()
  local t0 = fraud.time(nil)
  records.work_order { station = mun1, task = "standard_check", start = fraud.format_minute(t0),
    ["end"] = fraud.format_minute(t0 + 3600), who = "运维 王工" }
  mun1:person_enters { who = "运维 王工", card = "0009" }
  sleep("3m")
  pcall(mun1.cod.command, mun1.cod, "standard_check")
  pcall(mun1.nh3n.command, mun1.nh3n, "standard_check")
  sleep("57m")
  mun1:person_leaves { who = "运维 王工" }
end, { from = "2023-04-17 09:40" })

-- honest: network outage at the second electroplating plant, backfilled
at("2023-04-17 14:00", function()
  elp2.dau:offline(true)
  sleep("4h")
  elp2.dau:offline(false)
end)

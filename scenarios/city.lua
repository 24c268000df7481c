-- city.lua — a whole city: Jiaxing's 476 wastewater monitoring stations on one range.
--
-- Every station is generated in loops with the scenario's rand() (seeded by `seed`, so the
-- city is the same on every run and in every shard of `hjrange run --shard I/N`): a
-- profile (dyeing, electroplating, chemical, food, municipal, in Jiaxing's proportions), a
-- flow, effluent means around the profile's, COD or TOC analyzer, HJ 212-2017 or -2025,
-- production shifts, and an MN 3304CC + 8 digits (CC = the county: 02 Nanhu, 11 Xiuzhou,
-- 21 Jiashan, 24 Haiyan, 81 Haining, 82 Pinghu, 83 Tongxiang). Each station has its own
-- Modbus/TCP endpoint and its own DAU link (the range gives every declared station both).
--
-- A few frauds among them (the fraud library), placed by rand() too, at fractions of the
-- run so that they fall inside any duration from 2 h up.
--
-- Parameters (benchmarks and tests edit these two lines, e.g. with sed):
local N_STATIONS = 476 -- Jiaxing: 476 wastewater stations
local HOURS = 24       -- run length in hours (default one city-day)

scenario {
  name     = "Jiaxing city, " .. N_STATIONS .. " wastewater stations",
  start    = "2025-06-02 00:00",
  duration = math.floor(HOURS * 60 + 0.5) .. "m",
  seed     = 330400,
}

local fraud = require "fraud"

-- profile mix, cumulative shares (Jiaxing: textile dyeing first, then chemicals,
-- electroplating, food, and the municipal plants)
local MIX = {
  { "dyeing", 0.38 }, { "chemical", 0.62 }, { "electroplating", 0.78 },
  { "food", 0.90 }, { "municipal", 1.00 },
}
-- per profile: flow range m3/h, effluent COD mean range, share with a TOC analyzer
local P = {
  dyeing         = { flow = { 30, 400 },  cod = { 60, 180 }, toc = 0.35, tag = "DYE", what = "印染" },
  chemical       = { flow = { 10, 200 },  cod = { 40, 150 }, toc = 0.30, tag = "CHM", what = "化工" },
  electroplating = { flow = { 5, 60 },    cod = { 20, 70 },  toc = 0.10, tag = "ELP", what = "电镀" },
  food           = { flow = { 10, 150 },  cod = { 40, 120 }, toc = 0.20, tag = "FOD", what = "食品" },
  municipal      = { flow = { 400, 4000 }, cod = { 15, 40 }, toc = 0.15, tag = "MUN", what = "污水处理厂" },
}
local COUNTY = {
  { "02", "南湖区" }, { "11", "秀洲区" }, { "21", "嘉善县" }, { "24", "海盐县" },
  { "81", "海宁市" }, { "82", "平湖市" }, { "83", "桐乡市" },
}
local SHIFTS = { {}, { "08:00-20:00" }, { "07:00-23:00" }, { "08:00-17:00", "18:00-22:00" } }

local function pick_profile()
  local u = rand()
  for _, m in ipairs(MIX) do
    if u < m[2] then return m[1] end
  end
  return "municipal"
end

local function between(lo, hi) return lo + (hi - lo) * rand() end

local stations = {}
for i = 1, N_STATIONS do
  local prof = pick_profile()
  local p = P[prof]
  local county = COUNTY[1 + math.floor(rand() * #COUNTY)]
  local cod = math.floor(between(p.cod[1], p.cod[2]) + 0.5)
  local toc = rand() < p.toc
  local shifts = prof == "municipal" and {} or SHIFTS[1 + math.floor(rand() * #SHIFTS)]
  stations[i] = station {
    mn       = string.format("3304%s%08d", county[1], i),
    name     = string.format("%s %s%s企业%03d 废水总排口", county[2], p.what, p.tag, i),
    protocol = rand() < 0.4 and "2025" or "2017",
    plant    = {
      profile  = prof,
      flow_m3h = math.floor(between(p.flow[1], p.flow[2]) + 0.5),
      effluent = { cod = cod },
      shifts   = shifts,
    },
    analyzers = { cod = toc and "toc" or "cod", nh3n = true, tp = true, ph = true,
                  tn = prof == "municipal" or prof == "food" },
  }
end

-- a few frauds, on stations and at times drawn with rand(); times are minutes from the
-- start as fractions of the run
local function at_frac(f) return "+" .. math.floor(f * HOURS * 60) .. "m" end
local function dur_frac(f) return math.max(30, math.floor(f * HOURS * 60)) .. "m" end
local function any_station() return stations[1 + math.floor(rand() * N_STATIONS)] end

local used = {}
local function fresh_station()
  for _ = 1, 100 do
    local st = any_station()
    if not used[st.mn] then
      used[st.mn] = true
      return st
    end
  end
  return nil
end

local n_frauds = math.max(3, N_STATIONS // 60) -- 7 in the city
local KINDS = { "tap_water_dilution", "sampling_hose_swap", "night_discharge", "dau_tamper",
                "treatment_stopped", "flowmeter_tamper", "sample_cup_injection" }
for k = 1, n_frauds do
  local st = fresh_station()
  if not st then break end
  local kind = KINDS[1 + (k - 1) % #KINDS]
  local at, dur = at_frac(0.1 + 0.5 * rand()), dur_frac(0.2 + 0.2 * rand())
  if kind == "tap_water_dilution" then
    fraud.tap_water_dilution(st, { at = at, duration = dur, m3h = 10 })
  elseif kind == "sampling_hose_swap" then
    fraud.sampling_hose_swap(st, { at = at, duration = dur, source = "tap" })
  elseif kind == "night_discharge" then
    fraud.night_discharge(st, { at = at, duration = dur, turn_camera = true, treatment = 0 })
  elseif kind == "dau_tamper" then
    fraud.dau_tamper(st, { at = at, duration = dur })
  elseif kind == "treatment_stopped" then
    fraud.treatment_stopped(st, { at = at, duration = dur })
  elseif kind == "flowmeter_tamper" then
    fraud.flowmeter_tamper(st, { at = at, duration = dur })
  else
    fraud.sample_cup_injection(st, { at = at, ml = 100 })
  end
end
log(string.format("city: %d stations, %d frauds", N_STATIONS, n_frauds))

-- city.lua — a whole city: Jiaxing's 768 monitoring stations on one range: 476 wastewater
-- outfalls, 162 flue-gas stacks and 130 VOCs outlets.
--
-- Every station is generated in loops with the scenario's rand() (seeded by `seed`, so the
-- city is the same on every run and in every shard of `hjrange run --shard I/N`).
-- Wastewater: a profile (dyeing, electroplating, chemical, food, municipal, in Jiaxing's
-- proportions), a flow, effluent means around the profile's, COD or TOC analyzer,
-- production shifts. Flue gas: a coal boiler (the thermal plants and the textile firms' own
-- boilers), a gas boiler, a glass kiln or a waste incinerator; VOCs: a coating line with its
-- RTO or a chemical plant's VOCs outlet (GAS.md profiles); each with its load, its flue
-- flow and a stack section that fits it, and the current meters of the firm's fan and
-- treatment facilities (FGD, SCR, bag filter, RTO: the profile's). Every station: HJ 212-2017
-- or -2025 and an MN 3304CC + 8 digits (CC = the county: 02 Nanhu, 11 Xiuzhou, 21 Jiashan,
-- 24 Haiyan, 81 Haining, 82 Pinghu, 83 Tongxiang; the 8 digits number the city's stations,
-- the water ones first). Each station has its own Modbus/TCP endpoint and its own DAU link
-- (the range gives every declared station both).
--
-- The water stations and their frauds are drawn first, exactly as in the water-only city,
-- then the gas and VOCs stations. Honest in the main: a few frauds (the fraud library),
-- placed by rand() too, at fractions of the run so that they fall inside any duration from
-- 2 h up; the gas frauds have their place at the end.
--
-- Parameters (benchmarks and tests edit these lines, e.g. with sed):
local N_STATIONS = 476 -- Jiaxing: 476 wastewater stations
local N_GAS = 162      -- Jiaxing: 162 flue-gas stations
local N_VOCS = 130     -- Jiaxing: 130 VOCs stations
local HOURS = 24       -- run length in hours (default one city-day)

scenario {
  name     = "Jiaxing city, " .. N_STATIONS .. " wastewater, " .. N_GAS .. " flue-gas and "
             .. N_VOCS .. " VOCs stations",
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

-- flue gas and VOCs: per profile its share (cumulative), the range of its size as a factor
-- on the profile's full-load flue flow and stack section (so the flue velocity stays the
-- profile's), its load range, and its names
local GAS_MIX = {
  { "gas_boiler", 0.40 }, { "coal_boiler", 0.72 }, { "waste_incinerator", 0.86 },
  { "glass_kiln", 1.00 },
}
local VOCS_MIX = { { "coating_vocs", 0.55 }, { "chemical_vocs", 1.00 } }
local G = {
  coal_boiler       = { flue = 250000, area = 7.07, size = { 0.15, 1.2 }, load = { 0.6, 0.95 },
                        what = "热电", outlet = "燃煤锅炉排口" },
  gas_boiler        = { flue = 30000, area = 1.13, size = { 0.3, 2.0 }, load = { 0.5, 0.9 },
                        what = "燃气锅炉", outlet = "燃气锅炉排口" },
  waste_incinerator = { flue = 80000, area = 3.8, size = { 0.6, 1.5 }, load = { 0.75, 0.95 },
                        what = "垃圾焚烧", outlet = "焚烧炉烟气排口" },
  glass_kiln        = { flue = 60000, area = 3.14, size = { 0.5, 1.5 }, load = { 0.8, 0.95 },
                        what = "玻璃", outlet = "熔窑烟气排口" },
  coating_vocs      = { flue = 40000, area = 1.54, size = { 0.25, 1.5 }, load = { 0.5, 0.9 },
                        what = "涂装", outlet = "涂装废气 RTO 排口" },
  chemical_vocs     = { flue = 15000, area = 0.64, size = { 0.3, 2.0 }, load = { 0.6, 0.95 },
                        what = "化工", outlet = "VOCs 废气排口" },
}

local function pick(mix)
  local u = rand()
  for _, m in ipairs(mix) do
    if u < m[2] then return m[1] end
  end
  return mix[#mix][1]
end

local gas_stations = {} -- flue gas, then VOCs, in declaration order
local gas_profile = {}  -- MN -> profile (the gas frauds below pick by it)
local day_shift = {}    -- coating lines that work a day shift (08:00-20:00)
local function gas_station(n, kind, prof)
  local g = G[prof]
  local county = COUNTY[1 + math.floor(rand() * #COUNTY)]
  local size = between(g.size[1], g.size[2])
  local st = station {
    kind     = kind,
    mn       = string.format("3304%s%08d", county[1], n),
    name     = string.format("%s %s企业%03d %s", county[2], g.what, n, g.outlet),
    protocol = rand() < 0.4 and "2025" or "2017",
    plant    = { profile = prof, load = math.floor(100 * between(g.load[1], g.load[2]) + 0.5) / 100,
                 flue_nm3h = math.floor(g.flue * size / 100 + 0.5) * 100 },
    stack    = { area_m2 = math.floor(100 * g.area * size + 0.5) / 100 },
  }
  gas_stations[#gas_stations + 1] = st
  gas_profile[st.mn] = prof
  if prof == "coating_vocs" and rand() < 0.6 then day_shift[#day_shift + 1] = st end
  return st
end
for k = 1, N_GAS do gas_station(N_STATIONS + k, "gas", pick(GAS_MIX)) end
for k = 1, N_VOCS do gas_station(N_STATIONS + N_GAS + k, "vocs", pick(VOCS_MIX)) end

-- the coating lines on a day shift: off from the start, on at 08:00 for twelve hours
if #day_shift > 0 then
  for _, st in ipairs(day_shift) do st.plant:set { running = false } end
  every("1d", function()
    for _, st in ipairs(day_shift) do st.plant:set { running = true } end
    sleep("12h")
    for _, st in ipairs(day_shift) do st.plant:set { running = false } end
  end, { from = "08:00" })
end

-- ==== GAS FRAUDS ============================================================================
-- A handful of frauds at flue-gas and VOCs stations, staged with the fraud library's gas
-- types as the water frauds above: stations drawn by rand() among those of the right
-- profile, times by at_frac()/dur_frac(). Drawn here, after everything above, so that the
-- stations and the water frauds stay as they are.
local function fresh_gas_station(ok)
  for _ = 1, 200 do
    local st = gas_stations[1 + math.floor(rand() * #gas_stations)]
    if st and not used[st.mn] and ok(gas_profile[st.mn]) then
      used[st.mn] = true
      return st
    end
  end
  return nil
end
local function flue(p) return p == "coal_boiler" or p == "gas_boiler" or p == "waste_incinerator" or p == "glass_kiln" end
local n_gas_frauds = 0
do -- ambient air into the probe of a boiler or kiln: every gas reads low
  local st = fresh_gas_station(flue)
  if st then
    fraud.probe_dilution(st, { at = at_frac(0.30), duration = dur_frac(0.25), air = 0.35 })
    n_gas_frauds = n_gas_frauds + 1
  end
end
do -- the plant reported stopped (F) while it runs
  local st = fresh_gas_station(flue)
  if st then
    fraud.fake_shutdown(st, { at = at_frac(0.55), duration = dur_frac(0.2) })
    n_gas_frauds = n_gas_frauds + 1
  end
end
do -- a coating line's RTO cooled to save gas
  local st = fresh_gas_station(function(p) return p == "coating_vocs" end)
  if st then
    fraud.rto_bypass(st, { at = at_frac(0.40), duration = dur_frac(0.25), method = "cool", temp_c = 600 })
    n_gas_frauds = n_gas_frauds + 1
  end
end
-- ============================================================================================

log(string.format("city: %d wastewater, %d flue-gas, %d VOCs stations; %d water and %d gas frauds",
                  N_STATIONS, N_GAS, N_VOCS, n_frauds, n_gas_frauds))

-- fraud.lua — the fraud library of the scenario API (SCENARIO-API.md, "The fraud library").
--
-- One function per fraud type of FRAUD-CATALOGUE.md, named as the type string. Each one
-- stages its fraud out of the physical acts of the API (a person enters the station room
-- with or without a card, a camera is turned first, the act itself, a measurement is
-- restarted, the person leaves ...), records the ground truth with truth.begin/finish
-- over the interval the fraud is in effect, and returns a handle:
--
--   local h = fraud.sampling_hose_swap(st, { at = "22:00", duration = "7h" })
--   h:stop()      -- undoes what was done (now, no staging) and finishes the truth
--
-- Every function takes { at = TIME, duration = DURATION } plus its own options; unknown
-- options and bad values are errors naming the function and the option. docs/fraud-library.md
-- lists every option, its default, what happens on site and the truth window.
--
-- Times: at = "HH:MM" is the first such moment at or after *now* (at load time: the
-- scenario start, as the API says; inside a coroutine: the next one, never the past),
-- "YYYY-MM-DD HH:MM[:SS]" local time, "+DUR" from the scenario start; nil = now.

local M = {}

-- The program's texts in the CLI's language (hjrange.text: the rows MSG_LIB_* of
-- sim/scenario/i18n-scen.h) and its "did you mean" (hjrange.suggest). Without them (plain Lua) a
-- message is its key and arguments.
local HJ = type(hjrange) == "table" and hjrange or {}
local function T(key, ...)
  if HJ.text then return HJ.text(key, ...) end
  local a = table.pack(...)
  for i = 1, a.n do a[i] = tostring(a[i]) end
  return key .. ": " .. table.concat(a, ", ", 1, a.n)
end
-- a value as a message shows it: strings quoted
local function quoted(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end
local function suggest(word, names)
  if HJ.suggest and type(word) == "string" then return HJ.suggest(word, names) end
  return nil
end

---------------------------------------------------------------------------------------
-- civil time (local China time, seconds; the epoch does not matter, only differences)

-- The range's calendar (proto/hjtime through hjrange): "YYYY-MM-DD HH:MM[:SS]" of a real
-- date -> seconds, or nil; and back.
local function parse_datetime(s)
  return HJ.local_seconds(s)
end

local function fmt_time(t)
  if type(t) ~= "number" then error(T("lib_fail", "format", T("lib_number", "seconds")), 2) end
  return HJ.local_text(math.floor(t))
end

-- "YYYY-MM-DD HH:MM": what records.* take
local function fmt_minute(t) return fmt_time(t):sub(1, 16) end

-- "1d2h3m4s" groups, each at most once, in that order -> seconds, or nil
local function parse_dur(s)
  if type(s) ~= "string" or s == "" then return nil end
  local total, pos, last = 0, 1, 0
  local order = { d = 1, h = 2, m = 3, s = 4 }
  local mult = { d = 86400, h = 3600, m = 60, s = 1 }
  while pos <= #s do
    local n, u, e = s:match("^(%d+)([dhms])()", pos)
    if not n or order[u] <= last then return nil end
    last = order[u]
    total = total + tonumber(n) * mult[u]
    pos = e
  end
  return total
end

local function fmt_dur(t)
  t = math.floor(t + 0.5)
  if t <= 0 then return "0s" end
  local out = {}
  for _, g in ipairs({ { "d", 86400 }, { "h", 3600 }, { "m", 60 }, { "s", 1 } }) do
    local n = t // g[2]
    if n > 0 then
      out[#out + 1] = n .. g[1]
      t = t - n * g[2]
    end
  end
  return table.concat(out)
end

local function now_s() return parse_datetime(now()) end

-- The scenario start, for "+DUR" times: now() while the scenario file loads (require the
-- library after scenario{}); taken at the first call if now() was not usable at require.
local START
do
  local ok, t = pcall(now_s)
  if ok then START = t end
end
local function start_s()
  if not START then START = now_s() end
  return START
end

local function hour_floor(t) return t - t % 3600 end
local function hour_ceil(t) return hour_floor(t) + 3600 end -- the end of the hour holding t

-- TIME string -> seconds (nil -> now); nil, message when bad
local function resolve_time(v)
  start_s()
  local n = now_s()
  if v == nil then return n end
  if type(v) ~= "string" then return nil, T("lib_bad_time", quoted(v), T("lib_time_forms")) end
  local t = parse_datetime(v)
  if t then return t end
  local off = v:match("^%+(.+)$")
  if off then
    local d = parse_dur(off)
    if not d then return nil, T("lib_bad_time", string.format("%q", v), T("lib_time_forms")) end
    return start_s() + d
  end
  local h, mi, rest = v:match("^(%d%d):(%d%d)(.*)$")
  if h then
    local sec = 0
    if rest ~= "" then
      local ss = rest:match("^:(%d%d)$")
      if not ss then return nil, T("lib_bad_time", string.format("%q", v), T("lib_time_forms")) end
      sec = tonumber(ss)
    end
    h, mi = tonumber(h), tonumber(mi)
    if h > 23 or mi > 59 or sec > 59 then return nil, T("lib_bad_time", string.format("%q", v), T("lib_time_forms")) end
    local tod = h * 3600 + mi * 60 + sec
    local t0 = n - n % 86400 + tod
    if t0 < n then t0 = t0 + 86400 end
    return t0
  end
  return nil, T("lib_bad_time", string.format("%q", v), T("lib_time_forms"))
end

-- sleeps (inside a coroutine) until the absolute time t
local function sleep_until(t)
  local d = t - now_s()
  if d > 0 then sleep(fmt_dur(d)) end
end

-- public helpers for scenarios (time arithmetic the API does not have)
M.time = function(v)
  local t, msg = resolve_time(v)
  if not t then error(T("lib_fail", "time", msg), 2) end
  return t
end
M.format = fmt_time
M.format_minute = fmt_minute
M.seconds = function(d)
  local s = parse_dur(d)
  if not s then error(T("lib_fail", "seconds", T("lib_bad_duration", quoted(d), T("lib_duration_forms"))), 2) end
  return s
end
M.duration = fmt_dur

---------------------------------------------------------------------------------------
-- option checking: errors point at the scenario line that called fraud.X

local Opts = {}
Opts.__index = Opts

local function opts(fname, o, allowed)
  if o == nil then o = {} end
  if type(o) ~= "table" then error(T("lib_fail", fname, T("lib_options_table", type(o))), 0) end
  local set = {}
  for _, k in ipairs(allowed) do set[k] = true end
  for k in pairs(o) do
    if not set[k] then
      local pick = suggest(k, allowed)
      if pick then
        error(T("lib_fail", fname, T("lib_unknown_option_mean", tostring(k), pick, table.concat(allowed, ", "))), 0)
      end
      error(T("lib_fail", fname, T("lib_unknown_option", tostring(k), table.concat(allowed, ", "))), 0)
    end
  end
  return setmetatable({ fname = fname, o = o }, Opts)
end

function Opts:fail(msg) error(T("lib_fail", self.fname, msg), 0) end

function Opts:time(key)
  local t, msg = resolve_time(self.o[key])
  if not t then self:fail(T("lib_field", key, msg)) end
  if t < now_s() then self:fail(T("lib_in_past", key, tostring(self.o[key]), now())) end
  return t
end

-- duration in seconds; def a string or nil (nil: optional, returns nil)
function Opts:dur(key, def, min_s)
  local v = self.o[key]
  if v == nil then v = def end
  if v == nil then return nil end
  local s = parse_dur(v)
  if not s then self:fail(T("lib_field", key, T("lib_bad_duration", quoted(v), T("lib_duration_forms")))) end
  if min_s and s < min_s then self:fail(T("lib_at_least", key, fmt_dur(min_s))) end
  return s
end

-- a number, in lo..hi when given; what: the key of a text saying what it must be
function Opts:num(key, def, lo, hi, what)
  local v = self.o[key]
  if v == nil then return def end
  if type(v) ~= "number" or v ~= v or (lo and v < lo) or (hi and v > hi) then
    if what then self:fail(T(what, key, lo, hi)) end
    if lo and hi then self:fail(T("lib_number_in", key, lo, hi)) end
    self:fail(T("lib_number", key))
  end
  return v
end

function Opts:pos(key, def)
  local v = self.o[key]
  if v == nil then return def end
  if type(v) ~= "number" or not (v > 0) or v == math.huge then self:fail(T("lib_positive", key)) end
  return v
end

function Opts:int(key, def, lo, hi)
  local v = self.o[key]
  if v == nil then return def end
  if math.type(v) ~= "integer" and not (type(v) == "number" and v == math.floor(v)) then
    self:fail(T("lib_integer_in", key, lo, hi))
  end
  v = math.tointeger(v)
  if v < lo or v > hi then self:fail(T("lib_integer_in", key, lo, hi)) end
  return v
end

function Opts:bool(key, def)
  local v = self.o[key]
  if v == nil then return def end
  if type(v) ~= "boolean" then self:fail(T("lib_boolean", key)) end
  return v
end

function Opts:enum(key, def, list)
  local v = self.o[key]
  if v == nil then return def end
  for _, x in ipairs(list) do if v == x then return v end end
  local pick = suggest(v, list)
  if pick then self:fail(T("lib_one_of_mean", key, quoted(v), pick, '"' .. table.concat(list, '", "') .. '"')) end
  self:fail(T("lib_one_of", key, '"' .. table.concat(list, '", "') .. '"', quoted(v)))
end

function Opts:str(key, def)
  local v = self.o[key]
  if v == nil then return def end
  if type(v) ~= "string" or v == "" then self:fail(T("lib_string", key)) end
  return v
end

-- card: a string (swiped), false (forced or tailgated entry: no card), default def
function Opts:card(def)
  local v = self.o.card
  if v == nil then return def end
  if v == false then return nil end
  if type(v) ~= "string" or v == "" then self:fail(T("lib_card")) end
  return v
end

-- a water quality table (cod, toc, nh3n, tp, tn, ph ... numbers)
function Opts:water(key, def)
  local v = self.o[key]
  if v == nil then return def end
  if type(v) ~= "table" then self:fail(T("lib_water", key)) end
  for k, x in pairs(v) do
    if type(k) ~= "string" or type(x) ~= "number" or not (x >= 0) or x == math.huge then
      self:fail(T("lib_nonnegative", key .. "." .. tostring(k)))
    end
  end
  return v
end

-- the camera act a fraud starts with: false/nil none; true: the default camera turned;
-- "station"/"outfall": that camera turned; a table { which =, how = "turn"|"cover"|"power",
-- pan = degrees }
function Opts:camera(st, key, def_which)
  local v = self.o[key]
  if v == nil or v == false then return nil end
  local spec = { which = def_which, how = "turn", pan = 120 }
  if v == true then
    -- default
  elseif type(v) == "string" then
    spec.which = v
  elseif type(v) == "table" then
    for k in pairs(v) do
      if k ~= "which" and k ~= "how" and k ~= "pan" then self:fail(T("lib_field", key, T("lib_camera_field", tostring(k)))) end
    end
    spec.which = v.which or def_which
    spec.how = v.how or "turn"
    spec.pan = v.pan or 120
  else
    self:fail(T("lib_camera_spec", key))
  end
  if spec.which ~= "station" and spec.which ~= "outfall" then
    self:fail(T("lib_field", key, T("lib_one_of", "which", '"station", "outfall"', tostring(spec.which))))
  end
  if spec.how ~= "turn" and spec.how ~= "cover" and spec.how ~= "power" then
    self:fail(T("lib_field", key, T("lib_one_of", "how", '"turn", "cover", "power"', tostring(spec.how))))
  end
  if type(spec.pan) ~= "number" or spec.pan <= 0 or spec.pan > 180 then self:fail(T("lib_field", key, T("lib_pan"))) end
  if not (st.camera and st.camera[spec.which]) then self:fail(T("lib_field", key, T("lib_no_camera", spec.which))) end
  return spec
end

local function check_station(fname, st)
  if type(st) ~= "userdata" or not tostring(st):match("^station ") then
    if type(st) == "table" then error(T("lib_fail", fname, T("lib_not_station_table", fname)), 0) end
    error(T("lib_fail", fname, T("lib_not_station", type(st) == "userdata" and tostring(st) or type(st))), 0)
  end
end

-- a field of the station, nil when it has none (a water station has no st.probe)
local function field(st, k)
  local ok, x = pcall(function() return st[k] end)
  if ok then return x end
  return nil
end

-- "wastewater", "gas" or "vocs" (a gas station with a GC-FID), as GAS.md has them
local function station_kind(st)
  if field(st, "probe") == nil then return "wastewater" end
  if field(st, "nmhc") ~= nil then return "vocs" end
  return "gas"
end
local function is_gas(st) return station_kind(st) ~= "wastewater" end

-- a type of the gas side needs a gas (or VOCs) station; what: "gas", "VOCs" or "gas or VOCs"
local function need_gas(fname, st, what, ok)
  if not ok then error(T("lib_fail", fname, T("lib_gas_only", fname, what, station_kind(st))), 0) end
end

local ANALYZERS = { cod = true, nh3n = true, tp = true, tn = true }
local GAS_ANALYZERS = { "so2", "nox", "o2", "co", "co2", "pm", "nmhc" }

-- an analyzer of the station: the water ones, or on a gas station the CEMS ones
function Opts:analyzer(st, key, def)
  if is_gas(st) then
    local d = def
    if d == "cod" then d = field(st, "so2") and "so2" or "nmhc" end
    local p = self:enum(key, d, GAS_ANALYZERS)
    if field(st, p) == nil then self:fail(T("lib_field", key, T("lib_no_analyzer", p))) end
    return p
  end
  local p = self:enum(key, def, { "cod", "nh3n", "tp", "tn" })
  if not ANALYZERS[p] or st[p] == nil then self:fail(T("lib_field", key, T("lib_no_analyzer", p))) end
  return p
end

-- HJ 212 codes of the DAU filter/flag knobs: the program's code table (hjrange.codes),
-- water codes by their short names; a gas station's by theirs (so2 = "a21026" ...)
local CODES = HJ.codes and HJ.codes() or {}
local CODE_SET = {}
for _, c in pairs(CODES) do CODE_SET[c] = true end
local GAS_CODES = HJ.codes and HJ.codes("gas") or {}
local GAS_CODE_SET = {}
for _, c in pairs(GAS_CODES) do GAS_CODE_SET[c] = true end

-- the code a station uploads for its analyzer p (water or gas)
local function code_of(st, p)
  if is_gas(st) then return GAS_CODES[p] end
  return CODES[p]
end

-- the codes a fraud touches by default: the station's main pollutants
local function default_codes(st)
  local k = station_kind(st)
  if k == "wastewater" then return { CODES.cod } end
  local out = {}
  for _, p in ipairs(k == "vocs" and { "nmhc" } or { "so2", "nox" }) do
    if field(st, p) then out[#out + 1] = GAS_CODES[p] end
  end
  if #out == 0 then out[1] = GAS_CODES.pm end
  return out
end

function Opts:codes(key, def, st)
  local v = self.o[key]
  if v == nil then v = def end
  if type(v) == "string" then v = { v } end
  if type(v) ~= "table" or #v == 0 then self:fail(T("lib_codes", key)) end
  local gas = st ~= nil and is_gas(st)
  local names, set = gas and GAS_CODES or CODES, gas and GAS_CODE_SET or CODE_SET
  local out = {}
  for i, c in ipairs(v) do
    local code = names[c] or c
    if not set[code] then self:fail(T("lib_field", key .. "[" .. i .. "]", T("lib_unknown_code", tostring(c)))) end
    out[#out + 1] = code
  end
  return out
end

---------------------------------------------------------------------------------------
-- the handle

local Handle = {}
Handle.__index = Handle

local function new_handle(ftype, st)
  return setmetatable({ type = ftype, station = st, undos = {}, tasks = {}, events = {},
    inside = {}, stopped = false }, Handle)
end

function Handle:undo(fn) self.undos[#self.undos + 1] = fn end
function Handle:mark() return #self.undos end
-- runs the undo acts done after mark, newest first
function Handle:undo_to(mark)
  while #self.undos > (mark or 0) do
    local fn = table.remove(self.undos)
    fn()
  end
end

-- the person goes in / out; stop() sends out whoever the handle left in the room
function Handle:enter(who, card)
  self.station:person_enters { who = who, card = card }
  self.inside[#self.inside + 1] = who
end

function Handle:leave(who)
  for i = #self.inside, 1, -1 do
    if self.inside[i] == who then
      table.remove(self.inside, i)
      break
    end
  end
  self.station:person_leaves { who = who }
end

function Handle:begin(note)
  if self.open then return end
  self.open = truth.begin { type = self.type, station = self.station, note = note }
  self.events[#self.events + 1] = self.open
end

function Handle:finish()
  if self.open then
    truth.finish(self.open)
    self.open = nil
  end
end

-- stop(): cancels what is still to come, undoes every act now, finishes the truth
function Handle:stop()
  if self.stopped then return end
  self.stopped = true
  for _, id in ipairs(self.tasks) do cancel(id) end
  self:undo_to(0)
  while #self.inside > 0 do self:leave(self.inside[#self.inside]) end
  self:finish()
end

function Handle:active() return self.open ~= nil end

-- runs body(k) as a coroutine at t + k days, k = 0 .. days-1
local function schedule(h, t, days, body)
  for k = 0, days - 1 do
    local id = at(fmt_time(t + k * 86400), function()
      if h.stopped then return end
      body(k)
    end)
    h.tasks[#h.tasks + 1] = id
  end
end

---------------------------------------------------------------------------------------
-- acts


local function camera_act(h, st, spec)
  if not spec then return end
  local cam = st.camera[spec.which]
  if spec.how == "turn" then
    cam:turn { pan = spec.pan }
    h:undo(function() cam:turn { pan = 0 } end)
  elseif spec.how == "cover" then
    cam:cover(true)
    h:undo(function() cam:cover(false) end)
  else
    cam:power(false)
    h:undo(function() cam:power(true) end)
  end
end

local function camera_note(spec)
  if not spec then return "" end
  if spec.how == "turn" then return string.format("; %s camera turned %g° off its preset", spec.which, spec.pan) end
  if spec.how == "cover" then return "; " .. spec.which .. " camera covered" end
  return "; " .. spec.which .. " camera powered off"
end

local function entry_note(who, card)
  if card then return who .. " entered with card " .. card end
  return who .. " entered without a card (forced/tailgated)"
end

-- analyzer command; a busy analyzer (a cycle running) is tried again every minute, as a
-- person at the panel would wait, `tries` times in all (st.cod:command's wait option: a
-- refusal after the last try is a warning naming the fraud.X line). Returns true when
-- accepted; refused, it returns false a minute after the last try.
local function command_wait(an, cmd, tries)
  if an:command(cmd, { wait = fmt_dur((tries - 1) * 60) }) then return true end
  sleep("1m")
  return false
end

-- time one measurement takes (sample, digestion, cooling, reading), per analyzer kind
local MEAS_S = { cod = 1800, toc = 480, nh3n = 960, tp = 2400, tn = 2400 }

---------------------------------------------------------------------------------------
-- 1. sample_cup_injection

function M.sample_cup_injection(st, o)
  local F = "sample_cup_injection"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "param", "analyzer", "ml", "water", "pours", "restart",
    "who", "card", "enter_before", "leave_after", "camera", "note" })
  local t = v:time("at")
  local param = v:analyzer(st, "param", "cod")
  local kind = v:enum("analyzer", "cod", { "cod", "toc" })
  local ml = v:pos("ml", 150)
  local water = v:water("water", nil)
  local pours = v:int("pours", 1, 1, 10)
  local restart = v:bool("restart", true)
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local before = v:dur("enter_before", "3m")
  local after_s = v:dur("leave_after", "2m")
  local cam = v:camera(st, "camera", "station")
  v:dur("duration", nil) -- accepted for uniformity: the act is instantaneous
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  local t_in = math.max(now_s(), t - before - (cam and 60 or 0))
  schedule(h, t_in, 1, function()
    h:begin(note or string.format("%s; %g ml of %s poured into the %s sample cup%s%s%s", entry_note(who, card),
      ml * pours, water and "prepared water" or "tap water", param,
      pours > 1 and (" in " .. pours .. " pours") or "", restart and ", measurement restarted" or "",
      camera_note(cam)))
    if cam then
      camera_act(h, st, cam)
      sleep("1m")
    end
    local mark = h:mark() -- the camera stays turned until the person is gone
    h:enter(who, card)
    sleep_until(t)
    local an = st[param]
    for _ = 1, pours do
      local q = { ml = ml }
      if water then for k, x in pairs(water) do q[k] = x end end
      an:add_to_cup(q)
    end
    local t_act = now_s()
    local t_draw
    if restart then
      an:command("restart")
      t_draw = t_act
    else
      t_draw = hour_ceil(t_act) -- the next scheduled draw (hourly)
    end
    sleep_until(now_s() + after_s)
    h:leave(who)
    h:undo_to(mark)
    sleep("1m")
    h:undo_to(0)
    -- in effect until the end of the hour whose mean the manual result enters
    local meas = MEAS_S[param == "cod" and kind or param]
    sleep_until(math.max(now_s(), hour_ceil(t_draw + meas)))
    h:finish()
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 2. tap_water_dilution

function M.tap_water_dilution(st, o)
  local F = "tap_water_dilution"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "m3h", "source", "water", "hidden", "days", "camera", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", nil, 60)
  local m3h = v:pos("m3h", 25)
  local source = v:enum("source", "tap", { "tap", "custom" })
  local water = v:water("water", nil)
  if source == "custom" and not water then v:fail(T("lib_custom_water")) end
  local hidden = v:bool("hidden", true)
  local days = v:int("days", 1, 1, 366)
  if days > 1 and not (dur and dur < 86400) then v:fail(T("lib_days_duration")) end
  local cam = v:camera(st, "camera", "outfall")
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  schedule(h, math.max(now_s(), t - (cam and 300 or 0)), days, function()
    local t_occ = now_s() + (cam and 300 or 0)
    if cam then
      camera_act(h, st, cam)
      h:begin(note or string.format("%g m3/h of %s water piped into the channel at the sampling point%s%s",
        m3h, source, hidden and " through a hidden pipe" or "", camera_note(cam)))
      sleep_until(t_occ)
    end
    local spec = { source = source, m3h = m3h, hidden = hidden }
    if source == "custom" then spec.quality = water end
    local pipe = st.channel:add_inflow(spec)
    h:undo(function() pipe:stop() end)
    h:begin(note or string.format("%g m3/h of %s water piped into the channel at the sampling point%s",
      m3h, source, hidden and " through a hidden pipe" or ""))
    if dur then
      sleep(fmt_dur(dur))
      h:undo_to(0)
      h:finish()
    end
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 3. sampling_hose_swap

function M.sampling_hose_swap(st, o)
  local F = "sampling_hose_swap"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "source", "water", "who", "card", "camera", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "7h", 60)
  local source = v:enum("source", "tap", { "tap", "bucket" })
  local water = v:water("water", nil)
  if source == "bucket" and not water then
    water = { cod = 45, nh3n = 1.5, tp = 0.25, ph = 7.3 } -- prepared water: a quiet, legal level
  end
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local cam = v:camera(st, "camera", "station")
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur >= 86400 then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  local lead = 60 + (cam and 60 or 0)
  schedule(h, math.max(now_s(), t - lead), days, function()
    local t_occ = now_s() + lead
    h:begin(note or string.format("%s; sampling hose put onto %s%s", entry_note(who, card),
      source == "tap" and "a tap" or "a bucket of prepared water", camera_note(cam)))
    camera_act(h, st, cam)
    if cam then sleep("1m") end
    local cam_mark = h:mark()
    h:enter(who, card)
    sleep_until(t_occ)
    if source == "tap" then st.sample_line:connect("tap") else st.sample_line:connect("bucket", water) end
    h:undo(function() st.sample_line:connect("channel") end)
    sleep("2m")
    h:leave(who)
    sleep_until(t_occ + dur)
    h:enter(who, card)
    sleep("1m")
    h:undo_to(cam_mark) -- hose back into the channel
    sleep("2m")
    h:leave(who)
    sleep("1m")
    h:undo_to(0) -- camera back on its preset
    h:finish()
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 4. camera_tampering

function M.camera_tampering(st, o)
  local F = "camera_tampering"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "which", "how", "pan", "who", "card", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "2h", 60)
  local which = v:enum("which", "outfall", { "station", "outfall" })
  local how = v:enum("how", "turn", { "turn", "cover", "power" })
  local pan = v:num("pan", 120, 1, 180)
  if not (st.camera and st.camera[which]) then v:fail(T("lib_field", "which", T("lib_no_camera", which))) end
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur >= 86400 then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)
  local spec = { which = which, how = how, pan = pan }
  -- covering or unplugging the station camera is done from inside the room
  local in_room = which == "station" and how ~= "turn"

  local h = new_handle(F, st)
  schedule(h, t, days, function()
    local t0 = now_s()
    h:begin(note or ((in_room and (entry_note(who, card) .. "; ") or "") .. camera_note(spec):sub(3)))
    if in_room then h:enter(who, card) sleep("1m") end
    camera_act(h, st, spec)
    if in_room then sleep("1m") h:leave(who) end
    sleep_until(t0 + dur)
    if in_room then h:enter(who, card) sleep("1m") end
    h:undo_to(0)
    if in_room then sleep("1m") h:leave(who) end
    h:finish()
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 5. night_discharge

function M.night_discharge(st, o)
  local F = "night_discharge"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "turn_camera", "treatment", "production", "hose", "water",
    "hose_extra", "facilities_off", "who", "card", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "4h", 600)
  local cam = nil
  if v.o.turn_camera ~= false then
    local saved = v.o.turn_camera
    if saved == nil then v.o.turn_camera = true end
    cam = v:camera(st, "turn_camera", "outfall")
    v.o.turn_camera = saved
  end
  local treatment = v:num("treatment", 0, 0, 1)
  local production = v:num("production", 1.5, 0, 2)
  local hose = v.o.hose
  if hose == nil then hose = "tap" end
  if hose ~= false and hose ~= "tap" and hose ~= "bucket" then v:fail(T("lib_hose")) end
  local water = v:water("water", { cod = 45, nh3n = 1.5, tp = 0.25, ph = 7.3 })
  local hose_extra = v:dur("hose_extra", "20m", 60)
  local off = v.o.facilities_off
  if off ~= nil and type(off) ~= "table" then v:fail(T("lib_facilities", "facilities_off")) end
  for i, name in ipairs(off or {}) do
    if type(name) ~= "string" or st.facility == nil or st.facility[name] == nil then
      v:fail(T("lib_field", "facilities_off[" .. i .. "]", T("lib_no_facility", tostring(name))))
    end
  end
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur + hose_extra >= 86400 then v:fail(T("lib_days_hose")) end
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  local lead = (cam and 600 or 0) + (hose and 300 or 0)
  schedule(h, math.max(now_s(), t - lead), days, function()
    local t_occ = now_s() + lead
    h:begin(note or string.format("discharge at night: treatment %g, production x%g%s%s",
      treatment, production, hose and ("; sampling hose onto " .. hose) or "", camera_note(cam)))
    if cam then
      camera_act(h, st, cam)
      sleep("5m")
    end
    local cam_mark = h:mark()
    if hose then
      h:enter(who, card)
      sleep("1m")
      if hose == "tap" then st.sample_line:connect("tap") else st.sample_line:connect("bucket", water) end
      h:undo(function() st.sample_line:connect("channel") end)
      sleep("2m")
      h:leave(who)
    end
    local hose_mark = h:mark()
    sleep_until(t_occ)
    st.plant:set { treatment = treatment, production = production }
    h:undo(function() st.plant:set { treatment = 1, production = 1 } end)
    for _, name in ipairs(off or {}) do
      st.facility[name]:set { on = false }
      h:undo(function() st.facility[name]:set { on = true } end)
    end
    sleep_until(t_occ + dur)
    h:undo_to(hose_mark) -- plant back to normal
    if hose then
      sleep(fmt_dur(hose_extra))
      h:enter(who, card)
      sleep("1m")
      h:undo_to(cam_mark)
      sleep("2m")
      h:leave(who)
    end
    sleep("5m")
    h:undo_to(0)
    h:finish()
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 6. analyzer_param_tamper

local PARAM_DEFAULTS = { slope = 1, intercept = 0, dilution = 1, thc_slope = 1, ch4_slope = 1 }
local RANGE_DEFAULT = { cod = 1000, nh3n = 50, tp = 10, tn = 100 }
-- a CEMS analyzer's range as delivered (hw-models/gasan.c: ultra-low-emission stacks)
local GAS_RANGE = { so2 = 200, nox = 200, o2 = 25, co = 300, co2 = 20 }

function M.analyzer_param_tamper(st, o)
  local F = "analyzer_param_tamper"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "param", "setting", "value", "restore", "who", "card",
    "camera", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", nil, 60)
  local gas = is_gas(st)
  if gas and v.o.param == "pm" then
    v:fail(T("lib_field", "param", T("lib_one_of", "param", '"so2", "nox", "o2", "co", "co2", "nmhc"', quoted(v.o.param))))
  end
  local param = v:analyzer(st, "param", gas and (field(st, "so2") and "so2" or field(st, "nmhc") and "nmhc" or "nox")
    or "cod")
  local range_default = gas and (GAS_RANGE[param] or 0) or RANGE_DEFAULT[param]
  local setting = param == "nmhc" and v:enum("setting", "thc_slope", { "thc_slope", "ch4_slope" }) or
    gas and v:enum("setting", "slope", { "slope", "intercept", "range", "detection_limit" }) or
    v:enum("setting", "slope", { "slope", "intercept", "range", "toc_factor",
    "digestion_temp", "digestion_time", "dilution", "detection_limit", "toc_offset" })
  local defaults = { slope = 0.6, thc_slope = 0.6, ch4_slope = 1.5, intercept = gas and -0.1 * range_default or -40, range = 0.25 * range_default,
    toc_factor = 1.8, digestion_temp = 130, digestion_time = 300, dilution = 0.6,
    detection_limit = gas and 0.1 * range_default or 30, toc_offset = -40 }
  local value = v:num("value", defaults[setting])
  local restore = v:num("restore", nil)
  if restore == nil then
    restore = PARAM_DEFAULTS[setting]
    if setting == "range" then restore = range_default end
  end
  if dur and restore == nil then v:fail(T("lib_restore", setting)) end
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local cam = v:camera(st, "camera", "station")
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  schedule(h, math.max(now_s(), t - 120 - (cam and 60 or 0)), 1, function()
    h:begin(note or string.format("%s; %s analyzer %s set to %g at the panel%s", entry_note(who, card),
      param, setting, value, camera_note(cam)))
    camera_act(h, st, cam)
    if cam then sleep("1m") end
    local cam_mark = h:mark()
    h:enter(who, card)
    sleep_until(t)
    local an = st[param]
    an:set { [setting] = value }
    if restore ~= nil then h:undo(function() an:set { [setting] = restore } end) end
    sleep("3m")
    h:leave(who)
    sleep("1m")
    if cam then
      -- the camera goes back on its preset, the setting stays
      local cam_undo = table.remove(h.undos, cam_mark)
      cam_undo()
    end
    if dur then
      sleep_until(t + dur)
      h:enter(who, card)
      sleep("2m")
      h:undo_to(0)
      sleep("1m")
      h:leave(who)
      h:finish()
    end
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 7. standard_solution_tamper

local STD_LABEL = { cod = 100, nh3n = 5, tp = 1, tn = 10 }

function M.standard_solution_tamper(st, o)
  local F = "standard_solution_tamper"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "param", "factor", "label", "calibrate", "work_order",
    "who", "card", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", nil, 3600)
  local param = v:analyzer(st, "param", "cod")
  local factor = v:num("factor", 1.25, 1.01, 5, "lib_bottle_factor")
  local label = v:pos("label", STD_LABEL[param])
  local calibrate = v:bool("calibrate", true)
  local work_order = v:bool("work_order", true)
  local who = v:str("who", "运维 李工")
  local card = v:card("0007")
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  local an = st[param]
  schedule(h, t, 1, function()
    local t0 = now_s()
    h:begin(note or string.format("%s; %s standard bottle labelled %g swapped for %g (x%g)%s",
      entry_note(who, card), param, label, label * factor, factor,
      calibrate and ", analyzer calibrated on it: slope x" .. string.format("%.3g", 1 / factor) or ""))
    h:enter(who, card)
    sleep("2m")
    an:standard { [param] = label * factor }
    h:undo(function() an:standard { [param] = label } end)
    if calibrate then
      sleep("1m")
      command_wait(an, "calibrate", 45)
    end
    sleep("2m")
    h:leave(who)
    if work_order then
      -- the calibration is filed as routine O&M
      records.work_order { station = st, task = "calibration", start = fmt_minute(t0),
        ["end"] = fmt_minute(now_s() + 1800), who = who }
    end
    if dur then
      sleep_until(t0 + dur)
      h:enter(who, card)
      sleep("2m")
      h:undo_to(0)
      if calibrate then command_wait(an, "calibrate", 45) end
      sleep("2m")
      h:leave(who)
      h:finish()
    end
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 8. dau_tamper

function M.dau_tamper(st, o)
  local F = "dau_tamper"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "codes", "mode", "cap", "limit", "factor", "offset",
    "on_site", "who", "card", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", nil, 60)
  local codes = v:codes("codes", default_codes(st), st)
  local cap = v:pos("cap", nil)
  local limit = v:pos("limit", nil)
  if cap == nil and limit ~= nil then cap = 0.95 * limit end
  local mode = v:enum("mode", cap and "cap" or "scale", { "cap", "scale", "offset" })
  if mode == "cap" and not cap then v:fail(T("lib_mode_cap")) end
  local factor = v:num("factor", 0.6, 0.01, 1)
  local offset = v:num("offset", nil)
  if mode == "offset" and offset == nil then v:fail(T("lib_mode_offset")) end
  local on_site = v:bool("on_site", false)
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local note = v:str("note", nil)

  local fn
  if mode == "cap" then
    -- over the cap: a value just under it (8..3 % below), the same for the same input,
    -- so that a batch analyzer's value polled many times stays one value
    fn = function(x)
      if x == nil or x ~= x or x <= cap then return x end
      local u = (x * 7.31) % 1
      return cap * (0.92 + 0.05 * u)
    end
  elseif mode == "scale" then
    fn = function(x) if x == nil or x ~= x then return x end return x * factor end
  else
    fn = function(x) if x == nil or x ~= x then return x end return math.max(0, x + offset) end
  end

  local h = new_handle(F, st)
  schedule(h, t, 1, function()
    local t0 = now_s()
    local how = mode == "cap" and string.format("values over %g rewritten just under it", cap) or
        mode == "scale" and string.format("values scaled x%g", factor) or string.format("values offset %+g", offset)
    h:begin(note or string.format("%sDAU rewrites %s before upload: %s",
      on_site and (entry_note(who, card) .. "; ") or "", table.concat(codes, ", "), how))
    if on_site then h:enter(who, card) sleep("5m") end
    for _, c in ipairs(codes) do
      st.dau:filter(c, fn)
      h:undo(function() st.dau:filter(c, nil) end)
    end
    if on_site then sleep("2m") h:leave(who) end
    if dur then
      sleep_until(t0 + dur)
      h:undo_to(0)
      h:finish()
    end
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 9. flowmeter_tamper

function M.flowmeter_tamper(st, o)
  local F = "flowmeter_tamper"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "factor", "who", "card", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", nil, 60)
  local factor = v:num("factor", 0.5, 0.01, 2)
  if factor == 1 then v:fail(T("lib_factor_one")) end
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  schedule(h, math.max(now_s(), t - 120), 1, function()
    h:begin(note or string.format("%s; flow meter scaled x%g at its converter", entry_note(who, card), factor))
    h:enter(who, card)
    sleep_until(t)
    st.flow:set { factor = factor }
    h:undo(function() st.flow:set { factor = 1 } end)
    sleep("3m")
    h:leave(who)
    if dur then
      sleep_until(t + dur)
      h:enter(who, card)
      sleep("2m")
      h:undo_to(0)
      sleep("1m")
      h:leave(who)
      h:finish()
    end
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 10. treatment_stopped

local function facility(st, name)
  local ok, f = pcall(function() return st.facility and st.facility[name] end)
  if ok then return f end
  return nil
end

function M.treatment_stopped(st, o)
  local F = "treatment_stopped"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "facilities", "level", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "8h", 600)
  local level = v:num("level", nil, 0, 0.99)
  if level and is_gas(st) then v:fail(T("lib_not_at_gas", "level", "facilities")) end
  local list = v.o.facilities
  if list ~= nil then
    if type(list) ~= "table" or #list == 0 then v:fail(T("lib_facilities", "facilities")) end
    for i, name in ipairs(list) do
      if type(name) ~= "string" or not facility(st, name) then
        v:fail(T("lib_field", "facilities[" .. i .. "]", T("lib_no_facility", tostring(name))))
      end
    end
  elseif level == nil then
    list = {}
    if is_gas(st) then -- the treatment that costs most to run: FGD, else the RTO, SCR, filter
      for _, name in ipairs({ "fgd", "rto", "scr", "bag_filter" }) do
        if facility(st, name) then list[1] = name break end
      end
      if #list == 0 then v:fail(T("lib_field", "facilities", T("lib_no_facility", "fgd/rto/scr/bag_filter"))) end
    end
    for _, name in ipairs(is_gas(st) and {} or { "blower", "lift_pump" }) do
      if facility(st, name) then list[#list + 1] = name end
    end
    if #list == 0 then level = 0 end
  end
  list = list or {}
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur >= 86400 then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  schedule(h, t, days, function()
    local t0 = now_s()
    local what = {}
    if #list > 0 then what[#what + 1] = "switched off: " .. table.concat(list, ", ") end
    if level then what[#what + 1] = string.format("treatment run at %g", level) end
    h:begin(note or ("treatment stopped while production runs; " .. table.concat(what, "; ")))
    for _, name in ipairs(list) do
      local f = facility(st, name)
      f:set { on = false }
      h:undo(function() f:set { on = true } end)
    end
    if level then
      st.plant:set { treatment = level }
      h:undo(function() st.plant:set { treatment = 1 } end)
    end
    sleep_until(t0 + dur)
    h:undo_to(0)
    h:finish()
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 11. false_flag

function M.false_flag(st, o)
  local F = "false_flag"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "codes", "flag", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "6h", 60)
  local codes = v:codes("codes", default_codes(st), st)
  local flag = v:enum("flag", "M", { "M", "D", "C" })
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur >= 86400 then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)
  local names = { M = "maintenance", D = "fault", C = "calibration" }

  local h = new_handle(F, st)
  schedule(h, t, days, function()
    local t0 = now_s()
    h:begin(note or string.format("%s flagged %s (%s) without a work order", table.concat(codes, ", "),
      flag, names[flag]))
    for _, c in ipairs(codes) do
      st.dau:flag(c, flag)
      h:undo(function() st.dau:flag(c, nil) end)
    end
    sleep_until(t0 + dur)
    h:undo_to(0)
    h:finish()
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 12. transmission_cut

function M.transmission_cut(st, o)
  local F = "transmission_cut"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "method", "treatment", "who", "card", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "4h", 60)
  local method = v:enum("method", "cable", { "cable", "power" })
  local treatment = v:num("treatment", nil, 0, 0.99)
  if treatment and is_gas(st) then v:fail(T("lib_not_at_gas", "treatment", "fraud.treatment_stopped")) end
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur >= 86400 then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  schedule(h, math.max(now_s(), t - 120), days, function()
    local t_occ = now_s() + 120
    h:begin(note or string.format("%s; DAU %s%s", entry_note(who, card),
      method == "cable" and "network cable pulled" or "station-room power cut",
      treatment and string.format("; treatment run at %g meanwhile", treatment) or ""))
    h:enter(who, card)
    sleep_until(t_occ)
    if method == "power" then -- the DAU off: the gap is never recorded, never backfilled
      st.dau:power(false)
      h:undo(function() st.dau:power(true) end)
    else -- the link only: the DAU records on and backfills when the cable is back
      st.dau:offline(true)
      h:undo(function() st.dau:offline(false) end)
    end
    if method == "power" then
      for _, p in ipairs(is_gas(st) and { "nmhc" } or { "cod", "nh3n", "tp", "tn" }) do
        local an = field(st, p)
        if an then
          an:command("stop")
          h:undo(function() an:command(is_gas(st) and "start" or "restart") end)
        end
      end
      if st.camera and st.camera.station then
        st.camera.station:power(false)
        h:undo(function() st.camera.station:power(true) end)
      end
    end
    sleep("1m")
    h:leave(who)
    local plant_mark = h:mark()
    if treatment then
      st.plant:set { treatment = treatment }
      h:undo(function() st.plant:set { treatment = 1 } end)
    end
    sleep_until(t_occ + dur)
    h:undo_to(plant_mark)
    h:enter(who, card)
    sleep("1m")
    h:undo_to(0)
    sleep("1m")
    h:leave(who)
    h:finish()
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 13. frozen_value

function M.frozen_value(st, o)
  local F = "frozen_value"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "param", "method", "value", "who", "card", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "20h", 3600)
  local param = v:analyzer(st, "param", "cod")
  local value = v.o.value
  -- a CEMS analyzer measures continuously: only the GC-FID (a cycle) can be stopped
  local can_stop = not is_gas(st) or param == "nmhc"
  local method = v:enum("method", (value ~= nil or not can_stop) and "freeze" or "stop",
    can_stop and { "freeze", "stop", "dau" } or { "freeze", "dau" })
  if method ~= "stop" then value = v:num("value", nil, 0, nil, "lib_nonnegative") end
  if method ~= "stop" and value == nil then v:fail(T("lib_method_value", method)) end
  local on_site = method ~= "dau" -- the DAU's constant is written through its hidden interface
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  local lead = on_site and 120 or 0
  schedule(h, math.max(now_s(), t - lead), 1, function()
    local t_occ = now_s() + lead
    h:begin(note or string.format("%s%s %s", on_site and (entry_note(who, card) .. "; ") or "", param,
      method == "freeze" and string.format("analyzer output held at %g", value) or
      method == "dau" and string.format("written as the constant %g by the DAU", value) or
      "analyzer stopped, its last value left standing"))
    if on_site then h:enter(who, card) end
    sleep_until(t_occ)
    local an = st[param]
    if method == "dau" then
      local code = code_of(st, param)
      st.dau:filter(code, function() return value end)
      h:undo(function() st.dau:filter(code, nil) end)
    elseif method == "freeze" then
      an:freeze(value)
      h:undo(function() an:freeze(nil) end)
    else
      an:command("stop")
      h:undo(function() an:command(is_gas(st) and "start" or "restart") end)
    end
    if on_site then
      sleep("2m")
      h:leave(who)
    end
    sleep_until(t_occ + dur)
    if on_site then
      h:enter(who, card)
      sleep("1m")
    end
    h:undo_to(0)
    if on_site then
      sleep("2m")
      h:leave(who)
    end
    h:finish()
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 14. bypass_discharge

function M.bypass_discharge(st, o)
  local F = "bypass_discharge"
  check_station(F, st)
  local v = opts(F, o, { "at", "duration", "m3h", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", nil, 600)
  local m3h = v:pos("m3h", 30)
  local days = v:int("days", 1, 1, 366)
  if days > 1 and not (dur and dur < 86400) then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  schedule(h, t, days, function()
    local t0 = now_s()
    h:begin(note or string.format("valve to a hidden outlet opened: up to %g m3/h skip the monitored outfall", m3h))
    st.plant:set { bypass_m3h = m3h }
    h:undo(function() st.plant:set { bypass_m3h = 0 } end)
    if dur then
      sleep_until(t0 + dur)
      h:undo_to(0)
      h:finish()
    end
  end)
  return h
end

---------------------------------------------------------------------------------------
-- The gas side (GAS.md "Fraud types (gas)"): flue-gas and VOCs stations.

-- a person's in-and-out around an act in the station room; no entry when in_room is false
-- (an act on the stack platform, in the plant's control room or through a hidden interface)
local function room_act(h, in_room, who, card, body)
  if in_room then
    h:enter(who, card)
    sleep("1m")
  end
  body()
  if in_room then
    sleep("2m")
    h:leave(who)
  end
end

-- The end of an occurrence: back into the room to undo the act (the camera last), the rest a
-- minute later, and the truth window closes.
local function end_occurrence(h, t_end, in_room, who, card, cam_mark)
  sleep_until(t_end)
  room_act(h, in_room, who, card, function() h:undo_to(cam_mark) end)
  sleep("1m")
  h:undo_to(0)
  h:finish()
end

-- every gas code the station's DAU uploads: its analyzers' and the flue monitor's
local function station_gas_codes(st)
  local out = {}
  local per = { so2 = { "so2" }, nox = { "nox", "no", "no2" }, o2 = { "o2" }, co = { "co" }, co2 = { "co2" },
    pm = { "pm" }, nmhc = { "nmhc", "thc", "ch4" } }
  for _, p in ipairs(GAS_ANALYZERS) do
    if field(st, p) then for _, a in ipairs(per[p]) do out[#out + 1] = GAS_CODES[a] end end
  end
  for _, a in ipairs({ "flue_flow", "velocity", "flue_temp", "flue_pressure", "humidity" }) do
    out[#out + 1] = GAS_CODES[a]
  end
  return out
end

---------------------------------------------------------------------------------------
-- 15. probe_dilution

local LEAK_WHERE = { probe = "at the probe flange on the stack", line = "into the heated line in the station room",
  pump = "at the sampling pump's inlet" }

function M.probe_dilution(st, o)
  local F = "probe_dilution"
  check_station(F, st)
  need_gas(F, st, "gas or VOCs", is_gas(st))
  local v = opts(F, o, { "at", "duration", "air", "where", "who", "card", "camera", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "8h", 600)
  local air = v:num("air", 0.35, 0.05, 0.9)
  local where = v:enum("where", "pump", { "probe", "line", "pump" })
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local cam = v:camera(st, "camera", "station")
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur >= 86400 then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)
  local in_room = where ~= "probe"

  local h = new_handle(F, st)
  local lead = (cam and 60 or 0) + (in_room and 60 or 0)
  schedule(h, math.max(now_s(), t - lead), days, function()
    local t_occ = now_s() + lead
    h:begin(note or string.format("%sambient air let in %s: %g of the sample%s",
      in_room and (entry_note(who, card) .. "; ") or "", LEAK_WHERE[where], air, camera_note(cam)))
    camera_act(h, st, cam)
    if cam then sleep("1m") end
    local cam_mark = h:mark()
    if in_room then h:enter(who, card) end
    sleep_until(t_occ)
    st.probe:leak { air = air }
    h:undo(function() st.probe:leak(nil) end)
    if in_room then
      sleep("2m")
      h:leave(who)
    end
    end_occurrence(h, t_occ + dur, in_room, who, card, cam_mark)
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 16. o2_tamper

function M.o2_tamper(st, o)
  local F = "o2_tamper"
  check_station(F, st)
  need_gas(F, st, "gas", is_gas(st) and field(st, "o2") ~= nil)
  local v = opts(F, o, { "at", "duration", "method", "share", "slope", "value", "who", "card", "camera",
    "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "8h", 600)
  local method = v:enum("method", "zero_gas", { "zero_gas", "param", "dau" })
  local share = v:num("share", 0.3, 0.05, 0.8)
  local slope = v:num("slope", 0.7, 0.3, 0.95)
  local value = v:num("value", nil, 0, 20.9)
  if method ~= "param" and v.o.slope ~= nil then v:fail(T("lib_field", "slope", T("lib_one_of", "method", '"param"', quoted(method)))) end
  if method ~= "zero_gas" and v.o.share ~= nil then v:fail(T("lib_field", "share", T("lib_one_of", "method", '"zero_gas"', quoted(method)))) end
  if method ~= "dau" and value ~= nil then v:fail(T("lib_field", "value", T("lib_one_of", "method", '"dau"', quoted(method)))) end
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local cam = v:camera(st, "camera", "station")
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur >= 86400 then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)
  local in_room = method ~= "dau" -- the DAU's constant comes through its hidden interface

  local h = new_handle(F, st)
  local lead = (cam and 60 or 0) + (in_room and 60 or 0)
  schedule(h, math.max(now_s(), t - lead), days, function()
    local t_occ = now_s() + lead
    local how = method == "zero_gas" and string.format("zero gas (N2) teed onto the O2 cell: %g of its flow", share)
      or method == "param" and string.format("O2 analyzer slope set to %g at the panel, automatic calibration off", slope)
      or (value and string.format("DAU writes O2 as the constant %g %%", value) or "DAU rewrites O2 x0.7")
    h:begin(note or string.format("%s%s%s", in_room and (entry_note(who, card) .. "; ") or "", how, camera_note(cam)))
    camera_act(h, st, cam)
    if cam then sleep("1m") end
    local cam_mark = h:mark()
    if in_room then h:enter(who, card) end
    sleep_until(t_occ)
    if method == "zero_gas" then
      st.o2:zero_gas { share = share }
      h:undo(function() st.o2:zero_gas(nil) end)
    elseif method == "param" then
      st.o2:set { slope = slope, cal_auto = 0 } -- a calibration would undo the slope
      h:undo(function() st.o2:set { slope = 1, cal_auto = 1 } end)
    else
      local code = GAS_CODES.o2
      st.dau:filter(code, function(x)
        if x == nil or x ~= x then return x end
        return value or x * 0.7
      end)
      h:undo(function() st.dau:filter(code, nil) end)
    end
    if in_room then
      sleep("2m")
      h:leave(who)
    end
    end_occurrence(h, t_occ + dur, in_room, who, card, cam_mark)
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 17. span_gas_tamper

-- span cylinders as delivered: 80 % of the range (hw-models/gasan.c, HJ 75); the GC-FID's
-- THC (its CH4: 20 mg/m3 as C, hw-models/gcfid.c)
local SPAN_LABEL = { so2 = 160, nox = 160, co = 240, co2 = 16, no2 = 40, nmhc = 50 }
local GC_CH4_LABEL = 20

function M.span_gas_tamper(st, o)
  local F = "span_gas_tamper"
  check_station(F, st)
  need_gas(F, st, "gas or VOCs", is_gas(st))
  local v = opts(F, o, { "at", "duration", "param", "factor", "label", "calibrate", "work_order",
    "who", "card", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", nil, 3600)
  local param = v:enum("param", field(st, "so2") and "so2" or field(st, "nmhc") and "nmhc" or "nox",
    { "so2", "nox", "co", "co2", "nmhc" })
  if field(st, param) == nil then v:fail(T("lib_field", "param", T("lib_no_analyzer", param))) end
  local factor = v:num("factor", 1.5, 1.05, 1.9, "lib_bottle_factor")
  local label = v:pos("label", SPAN_LABEL[param])
  local calibrate = v:bool("calibrate", false)
  local work_order = v:bool("work_order", true)
  local who = v:str("who", "运维 李工")
  local card = v:card("0007")
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  local an = st[param]
  -- the GC-FID's span cylinder is CH4 and propane: both stronger than their labels
  local cyl = param == "nmhc" and {
    swap = function(_, x)
      local k = x.actual / x.label
      an:standard { thc = x.label * k, ch4 = GC_CH4_LABEL * k }
    end } or st.cylinder(param)
  schedule(h, t, 1, function()
    local t0 = now_s()
    h:begin(note or string.format("%s; %s span cylinder labelled %g holds %g (x%g)%s", entry_note(who, card),
      param, label, label * factor, factor, calibrate and ", analyzer calibrated on it now" or
      ", the next automatic calibration sets the analyzer low"))
    h:enter(who, card)
    sleep("3m")
    cyl:swap { label = label, actual = label * factor }
    h:undo(function() cyl:swap { label = label, actual = label } end)
    if calibrate then
      sleep("1m")
      an:command("calibrate")
      sleep("15m")
    end
    sleep("2m")
    h:leave(who)
    if work_order then
      -- the cylinder change is filed as routine O&M
      records.work_order { station = st, task = "calibration", start = fmt_minute(t0),
        ["end"] = fmt_minute(now_s() + 1800), who = who }
    end
    if dur then
      sleep_until(t0 + dur)
      h:enter(who, card)
      sleep("3m")
      h:undo_to(0)
      an:command("calibrate")
      sleep("15m")
      h:leave(who)
      h:finish()
    end
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 18. heat_trace_off

function M.heat_trace_off(st, o)
  local F = "heat_trace_off"
  check_station(F, st)
  need_gas(F, st, "gas", station_kind(st) == "gas")
  local v = opts(F, o, { "at", "duration", "how", "chiller_c", "who", "card", "camera", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "6h", 600)
  local how = v:enum("how", "heat", { "heat", "chiller", "chiller_c" })
  local chiller_c = v:num("chiller_c", 18, 8, 40)
  if how ~= "chiller_c" and v.o.chiller_c ~= nil then
    v:fail(T("lib_field", "chiller_c", T("lib_one_of", "how", '"chiller_c"', quoted(how))))
  end
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local cam = v:camera(st, "camera", "station")
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur >= 86400 then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)
  local what = how == "heat" and "probe and line heaters switched off" or how == "chiller" and "chiller switched off"
    or string.format("chiller set to %g °C", chiller_c)

  local h = new_handle(F, st)
  local lead = 60 + (cam and 60 or 0)
  schedule(h, math.max(now_s(), t - lead), days, function()
    local t_occ = now_s() + lead
    h:begin(note or string.format("%s; %s%s", entry_note(who, card), what, camera_note(cam)))
    camera_act(h, st, cam)
    if cam then sleep("1m") end
    local cam_mark = h:mark()
    h:enter(who, card)
    sleep_until(t_occ)
    if how == "heat" then
      st.line:set { heat = false }
      h:undo(function() st.line:set { heat = true } end)
    elseif how == "chiller" then
      st.line:set { chiller = false }
      h:undo(function() st.line:set { chiller = true } end)
    else
      st.line:set { chiller_c = chiller_c }
      h:undo(function() st.line:set { chiller_c = 4 } end)
    end
    sleep("2m")
    h:leave(who)
    end_occurrence(h, t_occ + dur, true, who, card, cam_mark)
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 19. calibration_flag_abuse

function M.calibration_flag_abuse(st, o)
  local F = "calibration_flag_abuse"
  check_station(F, st)
  need_gas(F, st, "gas or VOCs", is_gas(st))
  local v = opts(F, o, { "at", "duration", "method", "params", "every", "who", "card", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "3h", 600)
  local gc = station_kind(st) == "vocs"
  local method = v:enum("method", gc and "calibrate" or "hold",
    gc and { "calibrate", "blowback", "maintenance" } or { "hold", "calibrate", "blowback", "maintenance" })
  local list = v.o.params
  if list == nil then
    list = {}
    for _, p in ipairs(gc and { "nmhc" } or { "so2", "nox" }) do if field(st, p) then list[#list + 1] = p end end
  elseif type(list) ~= "table" or #list == 0 then
    v:fail(T("lib_codes", "params"))
  end
  for i, p in ipairs(list) do
    local ok = false
    for _, x in ipairs(GAS_ANALYZERS) do ok = ok or x == p end
    if not ok or p == "pm" or field(st, p) == nil then
      v:fail(T("lib_field", "params[" .. i .. "]", T("lib_no_analyzer", tostring(p))))
    end
    if method == "hold" and p == "nmhc" then v:fail(T("lib_field", "params[" .. i .. "]", T("lib_no_analyzer", p))) end
  end
  local every = v:dur("every", method == "blowback" and "15m" or "20m", 300)
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur >= 86400 then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)
  local what = method == "hold" and "calibration status held on at the analyzers' service menu: " ..
      table.concat(list, ", ")
    or method == "calibrate" and string.format("calibrations started by hand every %s: %s", fmt_dur(every),
      table.concat(list, ", "))
    or method == "blowback" and string.format("probe blowbacks started by hand every %s", fmt_dur(every))
    or "sampling system switched to maintenance at its panel"

  local h = new_handle(F, st)
  schedule(h, math.max(now_s(), t - 60), days, function()
    local t_occ = now_s() + 60
    h:begin(note or string.format("%s; %s, no work order", entry_note(who, card), what))
    h:enter(who, card)
    sleep_until(t_occ)
    if method == "hold" then
      for _, p in ipairs(list) do
        st[p]:hold_flag(true)
        h:undo(function() st[p]:hold_flag(false) end)
      end
    elseif method == "maintenance" then
      st.line:set { maintenance = true }
      h:undo(function() st.line:set { maintenance = false } end)
    end
    if method == "hold" or method == "maintenance" then
      sleep("2m")
      h:leave(who)
      sleep_until(t_occ + dur)
      room_act(h, true, who, card, function() h:undo_to(0) end)
    else
      -- the person stays at the panel and starts one sequence after another
      while now_s() < t_occ + dur and not h.stopped do
        if method == "blowback" then
          st.probe:blowback()
        else
          for _, p in ipairs(list) do st[p]:command("calibrate") end
        end
        sleep_until(math.min(t_occ + dur, now_s() + every))
      end
      sleep("1m")
      h:leave(who)
    end
    h:finish()
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 20. fake_shutdown

function M.fake_shutdown(st, o)
  local F = "fake_shutdown"
  check_station(F, st)
  need_gas(F, st, "gas or VOCs", is_gas(st))
  local v = opts(F, o, { "at", "duration", "codes", "on_site", "who", "card", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "6h", 600)
  local codes = v:codes("codes", station_gas_codes(st), st)
  local on_site = v:bool("on_site", true)
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur >= 86400 then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  local lead = on_site and 60 or 0
  schedule(h, math.max(now_s(), t - lead), days, function()
    local t_occ = now_s() + lead
    h:begin(note or string.format("%sDAU set to report the plant stopped (F) while it runs: %s",
      on_site and (entry_note(who, card) .. "; ") or "", table.concat(codes, ", ")))
    if on_site then h:enter(who, card) end
    sleep_until(t_occ)
    for _, c in ipairs(codes) do
      st.dau:flag(c, "F")
      h:undo(function() st.dau:flag(c, nil) end)
    end
    if on_site then
      sleep("2m")
      h:leave(who)
    end
    sleep_until(t_occ + dur)
    room_act(h, on_site, who, card, function() h:undo_to(0) end)
    h:finish()
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 21. flow_param_tamper

-- the flue monitor's pitot factor as delivered (S-type, hw-models/flue.h)
local FLUE_DEFAULT = { kp = 0.84 }

function M.flow_param_tamper(st, o)
  local F = "flow_param_tamper"
  check_station(F, st)
  need_gas(F, st, "gas or VOCs", is_gas(st))
  local v = opts(F, o, { "at", "duration", "setting", "factor", "value", "restore", "who", "card", "camera",
    "note" })
  local t = v:time("at")
  local dur = v:dur("duration", nil, 600)
  local setting = v:enum("setting", "kp", { "kp", "kv", "area" })
  local factor = v:num("factor", 0.7, 0.2, 0.98)
  local value = v:pos("value", nil)
  local restore = v:pos("restore", FLUE_DEFAULT[setting])
  if value == nil then
    if not FLUE_DEFAULT[setting] then v:fail(T("lib_restore", setting)) end
    value = FLUE_DEFAULT[setting] * factor
  end
  if dur and restore == nil then v:fail(T("lib_restore", setting)) end
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local cam = v:camera(st, "camera", "station")
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  local lead = 120 + (cam and 60 or 0)
  schedule(h, math.max(now_s(), t - lead), 1, function()
    h:begin(note or string.format("%s; flue monitor %s set to %.4g at its panel%s", entry_note(who, card),
      setting, value, camera_note(cam)))
    camera_act(h, st, cam)
    if cam then sleep("1m") end
    local cam_mark = h:mark()
    h:enter(who, card)
    sleep_until(t)
    st.flue:set { [setting] = value }
    if restore ~= nil then h:undo(function() st.flue:set { [setting] = restore } end) end
    sleep("3m")
    h:leave(who)
    sleep("1m")
    if cam then
      local cam_undo = table.remove(h.undos, cam_mark) -- the camera back, the setting stays
      cam_undo()
    end
    if dur then
      sleep_until(t + dur)
      room_act(h, true, who, card, function() h:undo_to(0) end)
      h:finish()
    end
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 22. bypass_flue

function M.bypass_flue(st, o)
  local F = "bypass_flue"
  check_station(F, st)
  need_gas(F, st, "gas or VOCs", is_gas(st))
  local v = opts(F, o, { "at", "duration", "share", "camera", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "6h", 600)
  local share = v:num("share", 0.5, 0.05, 1)
  local cam = v:camera(st, "camera", "outfall")
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur >= 86400 then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)
  if field(st, "damper") == nil then v:fail(T("lib_no_damper")) end

  local h = new_handle(F, st)
  local lead = cam and 300 or 0
  schedule(h, math.max(now_s(), t - lead), days, function()
    local t_occ = now_s() + lead
    h:begin(note or string.format("bypass damper opened from the control room: %g of the flue gas leaves unmonitored%s",
      share, camera_note(cam)))
    camera_act(h, st, cam)
    sleep_until(t_occ)
    local mark = h:mark()
    st.damper:set { bypass = share }
    h:undo(function() st.damper:set { bypass = 0 } end)
    sleep_until(t_occ + dur)
    h:undo_to(mark)
    sleep("5m") -- the damper closes over a few minutes before the camera goes back
    h:undo_to(0)
    h:finish()
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 23. vocs_dilution

function M.vocs_dilution(st, o)
  local F = "vocs_dilution"
  check_station(F, st)
  need_gas(F, st, "VOCs", station_kind(st) == "vocs")
  local v = opts(F, o, { "at", "duration", "air", "who", "card", "camera", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "8h", 600)
  local air = v:num("air", 0.7, 0.05, 0.98)
  local who = v:str("who", "operator")
  local card = v:card("0031")
  local cam = v:camera(st, "camera", "station")
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur >= 86400 then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  local lead = 60 + (cam and 60 or 0)
  schedule(h, math.max(now_s(), t - lead), days, function()
    local t_occ = now_s() + lead
    h:begin(note or string.format("%s; ambient air let into the NMHC sample line: %g of the sample%s",
      entry_note(who, card), air, camera_note(cam)))
    camera_act(h, st, cam)
    if cam then sleep("1m") end
    local cam_mark = h:mark()
    h:enter(who, card)
    sleep_until(t_occ)
    st.probe:leak { air = air }
    h:undo(function() st.probe:leak(nil) end)
    sleep("2m")
    h:leave(who)
    end_occurrence(h, t_occ + dur, true, who, card, cam_mark)
  end)
  return h
end

---------------------------------------------------------------------------------------
-- 24. rto_bypass

function M.rto_bypass(st, o)
  local F = "rto_bypass"
  check_station(F, st)
  need_gas(F, st, "VOCs", is_gas(st) and facility(st, "rto") ~= nil)
  local v = opts(F, o, { "at", "duration", "method", "temp_c", "days", "note" })
  local t = v:time("at")
  local dur = v:dur("duration", "8h", 600)
  local method = v:enum("method", "cool", { "cool", "off" })
  local temp_c = v:num("temp_c", 600, 200, 750)
  if method == "off" and v.o.temp_c ~= nil then v:fail(T("lib_field", "temp_c", T("lib_one_of", "method", '"cool"', quoted(method)))) end
  local days = v:int("days", 1, 1, 366)
  if days > 1 and dur >= 86400 then v:fail(T("lib_days_duration")) end
  local note = v:str("note", nil)

  local h = new_handle(F, st)
  local rto = facility(st, "rto")
  schedule(h, t, days, function()
    local t0 = now_s()
    h:begin(note or (method == "cool" and string.format("RTO chamber set point lowered to %g °C to save fuel", temp_c)
      or "RTO switched off, the exhaust passes untreated"))
    if method == "cool" then
      rto:set { temp_c = temp_c }
      h:undo(function() rto:set { temp_c = 820 } end) -- the design set point (docs/gas.md)
    else
      rto:set { on = false }
      h:undo(function() rto:set { on = true } end)
    end
    sleep_until(t0 + dur)
    h:undo_to(0)
    h:finish()
  end)
  return h
end

-- the fraud types, in catalogue order: the program's catalogue (hjrange.fraud_types)
M.types = HJ.fraud_types and HJ.fraud_types() or {}

-- errors of the staging point at the scenario line that called fraud.X
for _, name in ipairs(M.types) do
  local fn = M[name]
  if type(fn) == "function" then -- a type this library does not stage has no function
    M[name] = function(st, o)
      local ok, h = pcall(fn, st, o)
      if not ok then error(h, 2) end
      return h
    end
  end
end

-- a name the library does not have is a mistake (a typo), not nil
local NAMES = {}
for k, v in pairs(M) do if type(v) == "function" then NAMES[#NAMES + 1] = k end end
table.sort(NAMES)
setmetatable(M, { __index = function(_, k)
  local pick = suggest(k, NAMES)
  if pick then error(T("lib_no_function_mean", "fraud", tostring(k), pick), 2) end
  error(T("lib_no_function", "fraud", tostring(k), table.concat(NAMES, ", ")), 2)
end })

return M

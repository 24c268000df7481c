-- Every function of SCENARIO-API.md once, and the errors a drill organiser meets.
-- api.sh runs it (--fast) and checks truth.json, records.jsonl, hj212.log, series.csv.
scenario { name = "api", start = "2022-02-08 00:00", duration = "6h", seed = 7 }

local function fails(pattern, f, ...)
  local ok, msg = pcall(f, ...)
  assert(not ok, "expected an error matching " .. pattern)
  assert(tostring(msg):find(pattern, 1, true), "error was: " .. tostring(msg))
end

local st = station {
  mn = "33040001DYE0001", name = "某印染公司 废水总排口", pw = "123456", protocol = "2017",
  plant = { profile = "dyeing", flow_m3h = 80, effluent = { cod = 150, nh3n = 8 },
            shifts = { "00:00-24:00" }, noise = 0.05 },
  limits = { cod = 200, nh3n = 20, tp = 1.5, tn = 30, ph = { 6, 9 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, tn = false, ph = true },
  cycle = "1h",
  cameras = { "station", "outfall" },
  facilities = { production = { "line1" }, treatment = { "blower", "lift_pump" } },
}
local st2 = station { mn = "33040001MUN0002", plant = { profile = "municipal" }, cameras = { "station" } }

-- the object model
assert(st.mn == "33040001DYE0001" and st2.mn == "33040001MUN0002")
assert(st.cod and st.nh3n and st.tp and st.ph and st.flow and st.sampler and st.door)
assert(st.tn == nil, "tn not fitted")
assert(st2.tn ~= nil, "municipal has TN")
assert(st.camera.station and st.camera.outfall and st2.camera.outfall == nil)
assert(st.facility.blower and st.facility.line1 and st.facility.nothing == nil)
assert(st.plant and st.channel and st.sample_line and st.dau)
assert(getmetatable(st) == "locked" and getmetatable(st.cod) == "locked")
fails("read-only", function() st.cod = 1 end)
fails("st has no field 'cdo'", function() return st.cdo end)

-- argument errors name the function and the argument
fails("station{}: mn must be a string", station, { mn = 5 })
fails("station{}: unknown field 'plnat'", station, { mn = "X", plnat = {} })
fails("duplicate mn \"33040001DYE0001\"", station, { mn = "33040001DYE0001" })
fails("scenario{}: declared twice", scenario, { name = "x", start = "2022-02-08 00:00", duration = "1h" })
fails("st.cod:set: unknown parameter 'slop'", st.cod.set, st.cod, { slop = 0.6 })
fails("st.cod:set: slope must be a number", st.cod.set, st.cod, { slope = "steep" })
fails("st.cod:command: unknown command 'dance'", st.cod.command, st.cod, "dance")
fails("call it with ':'", st.cod.set, { slope = 1 })
fails("truth.begin: unknown type \"magic\"", truth.begin, { station = st, type = "ma" .. "gic" })
fails("st.dau:flag: flag must be one of", st.dau.flag, st.dau, "w01018", "X")
fails("st.dau:filter: unknown code 'w99999'", st.dau.filter, st.dau, "w99999", nil)
fails("a bucket needs its water", st.sample_line.connect, st.sample_line, "bucket")
fails("records.lab: unknown param \"xyz\"", records.lab, { station = st, param = "xyz", time = "01:00", value = 1 })
fails("records.work_order: end is before start", records.work_order,
      { station = st, task = "x", start = "03:00", ["end"] = "02:00" })
fails("bad time \"2022-02-30 10:00\"", at, "2022-02-30 10:00", function() end)
fails("st.plant:set: treatment must be 0 .. 1", st.plant.set, st.plant, { treatment = 2 })
fails("st.camera.outfall:cover: true or false expected", st.camera.outfall.cover, st.camera.outfall, 1)

-- acts at the top level happen at the start
st.flow:set { factor = 0.5 }
local pipe0 = st2.channel:add_inflow { source = "tap", m3h = 5, hidden = true }

-- O&M records (released in time order)
records.work_order { station = st, task = "calibration", start = "02:00", ["end"] = "03:00", who = "运维 张工" }
records.work_order { station = "33040001MUN0002", task = "maintenance", start = "00:30", ["end"] = "01:00" }

log(string.format("rand %.9f %.9f", rand(), rand_normal(10, 2)))

at("00:20", function() pipe0:stop(); assert(pipe0:stop() == false) end)

at("01:00", function()
  assert(now() == "2022-02-08 01:00:00", now())
  st:person_enters { who = "operator", card = "0012" }
  st.door:open()
  sleep("2m")
  assert(now() == "2022-02-08 01:02:00")
  local id = truth.begin { type = "sample_cup_injection", station = st, note = "tap water into the cup" }
  st.cod:add_to_cup { ml = 40, cod = 0 }
  local ok = st.cod:command("restart")
  assert(ok == true)
  sleep("28m")
  assert(truth.finish(id) == true and truth.finish(id) == false)
  st.door:close()
  st:person_leaves { who = "operator" }
end)

at("02:00", function()
  st.dau:filter("w01018", function(v) return 42 end)
  st.sample_line:connect("bucket", { cod = 40, nh3n = 1.2, tp = 0.2, ph = 7.2 })
  st.sample_line:connect("tap")
  st.sample_line:connect("channel")
  local pipe = st.channel:add_inflow { source = "tap", m3h = 25, hidden = true }
  pipe:set { m3h = 20 }
  after("30m", function() pipe:stop() end)
  st.camera.station:cover(true)
  st.camera.station:cover(false)
  st.camera.station:power(false)
  st.camera.station:power(true)
  st:outfall_people(2)
  st:outfall_people(0)
end)

at("03:00", function()
  st.dau:filter("w01018", nil)
  truth.begin { type = "camera_tampering", station = st, note = "turned away" }
  st.camera.outfall:turn { pan = 120 }
  st.plant:set { production = 0.5 }
  st.plant:set { treatment = 0.0 }
  st.plant:set { bypass_m3h = 10 }
  st.plant:set { production = 1, treatment = 1, bypass_m3h = 0 }
  st.facility.blower:set { on = false }
  st.facility.blower:set { on = true }
  st.cod:set { slope = 0.9, intercept = 1, range = 2000, cycle = "1h", digestion_temp = 680,
               digestion_time = "20m", detection_limit = 4, toc_factor = 3.0 }
  st.cod:standard { cod = 50 }
  st.nh3n:standard { nh3n = 5 }
end)

at("04:00", function()
  st.dau:flag("nh3n", "M")
  st.tp:freeze(0.33)
  records.lab { station = st, param = "cod", time = "03:30", value = 182 }
end)

at("05:00", function()
  st.dau:flag("w21003", nil)
  st.tp:freeze(nil)
  st.dau:offline(true)
  sleep("20m")
  st.dau:offline(false)
end)

at("03:10", function() -- the other station's DAU off for 20 min: hour 03 never recorded
  st2.dau:power(false)
  sleep("20m")
  st2.dau:power(true)
end)

local n = 0
every("1h", function() n = n + 1 end, { from = "00:00", to = "05:00" })
at("05:59", function() log("every ran " .. n .. " times"); assert(n == 6) end)
log("API loaded")

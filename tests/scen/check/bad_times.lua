-- Every function that takes a time or a duration lists the accepted forms when given a
-- bad one. Each call must fail with a message holding the forms; the file passes check
-- when they all do.
scenario { name = "bad times", start = "2022-02-08 00:00", duration = "1d" }
local st = station { mn = "CHECK0001" }
local fraud = require "fraud"
local TIME = '"HH:MM", "YYYY-MM-DD HH:MM" or "+DURATION"'
local DUR = 'e.g. "90s", "15m", "2h", "1h30m", "2d"'
local n = 0
local function bad(forms, f, ...)
  local ok, e = pcall(f, ...)
  assert(not ok, "accepted: " .. tostring(select(1, ...)))
  if not tostring(e):find(forms, 1, true) then error("no forms in: " .. tostring(e), 2) end
  n = n + 1
end
local function fn() end
bad(TIME, at, "25:00", fn)
bad(TIME, at, 1000, fn)
bad(DUR, after, "1.5h", fn)
bad(DUR, after, 90, fn)
bad(DUR, every, "1x", fn)
bad(TIME, every, "1h", fn, { from = "24:00" })
bad(TIME, every, "1h", fn, { to = 5 })
bad(TIME, records.work_order, { task = "calibration", start = "10:00", ["end"] = "1100" })
bad(TIME, records.work_order, { task = "calibration", start = "10:00", ["end"] = "11:00", filed = "9:40" })
bad(TIME, records.work_order, { task = "calibration", start = 10, ["end"] = "11:00" })
bad(TIME, records.lab, { param = "cod", time = "yesterday", value = 1 })
bad(DUR, station, { mn = "CHECK0002", cycle = "1 hour" })
bad(DUR, station, { mn = "CHECK0002", sample_delay = "90" })
bad(TIME, fraud.sample_cup_injection, st, { at = "noon" })
bad(TIME, fraud.tap_water_dilution, st, { at = 5 })
bad(DUR, fraud.tap_water_dilution, st, { at = "+1h", duration = "1.5h" })
bad(TIME, fraud.time, "x")
bad(DUR, fraud.seconds, "x")
-- in a task: sleep, the analyzer's duration settings, command's wait
at("01:00", function()
  bad(DUR, sleep, "1x")
  bad(DUR, sleep, 60)
  bad(DUR, st.cod.set, st.cod, { cycle = "1 hour" })
  bad(DUR, st.cod.command, st.cod, "measure", { wait = "soon" })
  bad(TIME, at, "+1.5h", fn)
  assert(n == 23, n)
  log("all " .. n .. " bad times list the forms")
end)
-- filed before start is the usual case; after its end is paperwork done afterwards
records.work_order { task = "calibration", start = "10:00", ["end"] = "11:00", filed = "09:40" }
records.work_order { task = "maintenance", start = "12:00", ["end"] = "13:00", filed = "15:00" }

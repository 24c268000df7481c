-- h_honest_night_shift.lua — holdout, honest: a dyeing plant that produces only at
-- night (20:00–08:00, cheap electricity), so its discharge is mostly at night and nearly
-- zero by day, plus an electroplating plant next door working 08:00–17:00 only. Both
-- HJ 212-2017, two days. A night-shift operator of the dyeing plant looks into the station
-- room once a night with his card (a round, 5 min, no acts) — routine.
-- A detector should raise nothing: night flow follows the production current.
scenario {
  name     = "honest holdout: night-shift dyeing plant and a day-shift electroplater",
  start    = "2022-07-25 00:00",
  duration = "2d",
  seed     = 563,
}

local dye = station {
  mn       = "33068200000163",
  name     = "新昌某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 60, shifts = { "20:00-08:00" } },
}
local elp = station {
  mn       = "33068200000164",
  name     = "新昌某电镀厂 废水排放口",
  protocol = "2017",
  plant    = { profile = "electroplating", flow_m3h = 15, shifts = { "08:00-17:00" } },
}
local _ = elp

every("1d", function()
  dye:person_enters { who = "夜班 巡检", card = "0203" }
  sleep("5m")
  dye:person_leaves { who = "夜班 巡检" }
end, { from = "2022-07-25 02:30" })

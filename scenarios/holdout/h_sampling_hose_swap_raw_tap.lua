-- h_sampling_hose_swap_raw_tap.lua — holdout, staged with the raw API (no fraud
-- library): on day 2 at 02:10 a night-shift worker enters the station room with his card,
-- pulls the sampling hose out of the channel and hangs it on the tap, leaves at 02:13; at
-- 06:40 he comes back, puts it back into the channel, leaves at 06:43. Chemical plant,
-- HJ 212-2017.
-- A detector should see: all analyzers at tap-water level (COD a few mg/L) with no
-- variance from ~02:15 to ~06:45, door entries at 02:10 and 06:40.
scenario {
  name     = "holdout: chemical plant, hose on the tap at night (raw API)",
  start    = "2021-07-19 00:00",
  duration = "2d",
  seed     = 541,
}

local st = station {
  mn       = "32128200000141",
  name     = "泰兴某精细化工有限公司 污水排放口",
  protocol = "2017",
  plant    = { profile = "chemical", flow_m3h = 55 },
}

at("2021-07-20 02:10", function()
  local id = truth.begin { type = "sampling_hose_swap", station = st,
    note = "night-shift worker (card 0217) hangs the sampling hose on the tap 02:11–06:41" }
  st:person_enters { who = "夜班 操作工", card = "0217" }
  sleep("1m")
  st.sample_line:connect("tap")
  sleep("2m")
  st:person_leaves { who = "夜班 操作工" }
  sleep("4h27m")
  st:person_enters { who = "夜班 操作工", card = "0217" }
  sleep("1m")
  st.sample_line:connect("channel")
  sleep("2m")
  st:person_leaves { who = "夜班 操作工" }
  truth.finish(id)
end)

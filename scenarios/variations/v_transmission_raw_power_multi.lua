-- v_transmission_raw_power_multi.lua — transmission cut with the raw API at one of two
-- stations (HJ 212-2025). At the food plant a worker enters with his card at 13:58 on day
-- 2, cuts the station-room power at 14:00 (DAU off line, COD and NH3-N analyzers stopped,
-- station camera dark) while the treatment runs at 20 % to 17:00; at 17:00 he restores the
-- power and restarts the analyzers. The municipal plant next door has an honest network
-- outage of 3 h on day 1 (backfilled, values normal). A detector should see at the food
-- plant: no COD/NH3-N results for 3 hours, station camera video loss, entry just before,
-- high values right after; at the municipal plant a backfilled gap and no alarm.
scenario {
  name     = "variation: food plant, raw-API power cut 3 h; municipal neighbour with an honest outage",
  start    = "2024-10-21 00:00",
  duration = "2d",
  seed     = 328,
}

local fod = station {
  mn       = "36010220240032",
  name     = "南昌某食品有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "food", flow_m3h = 30, effluent = { cod = 300 } },
}
local mun = station {
  mn       = "36010220240033",
  name     = "南昌某污水处理厂 出水口",
  protocol = "2025",
  plant    = { profile = "municipal", flow_m3h = 1000 },
}

-- honest: link down 3 h, the DAU backfills
at("2024-10-21 09:00", function()
  mun.dau:offline(true)
  sleep("3h")
  mun.dau:offline(false)
end)

at("2024-10-22 13:58", function()
  local id = truth.begin { type = "transmission_cut", station = fod,
    note = "worker (card 0031) cuts the station-room power 14:00-17:00; treatment at 20 % meanwhile" }
  fod:person_enters { who = "worker", card = "0031" }
  sleep("2m")
  fod.dau:offline(true)
  fod.cod:command("stop")
  fod.nh3n:command("stop")
  fod.tp:command("stop")
  fod.camera.station:power(false)
  sleep("1m")
  fod:person_leaves { who = "worker" }
  fod.plant:set { treatment = 0.2 }
  sleep("2h57m")
  fod.plant:set { treatment = 1 }
  fod:person_enters { who = "worker", card = "0031" }
  sleep("1m")
  fod.dau:offline(false)
  fod.cod:command("restart")
  fod.nh3n:command("restart")
  fod.tp:command("restart")
  fod.camera.station:power(true)
  sleep("1m")
  fod:person_leaves { who = "worker" }
  truth.finish(id)
end)

-- v_camera_station_power_raw.lua — camera tampering with the raw API: at a municipal plant
-- (HJ 212-2025) someone enters without a card at 13:10 on day 2, unplugs the station-room
-- camera (video loss) and leaves; at 15:40 he comes back and plugs it in again. Nothing
-- else is touched (the analyzers measure the channel as usual). A detector should see:
-- forced entries at both ends, station camera video loss for 2.5 h (camera_tampering);
-- the data stay normal.
scenario {
  name     = "variation: municipal plant, raw-API station camera unplugged by day",
  start    = "2025-06-09 00:00",
  duration = "2d",
  seed     = 310,
}

local st = station {
  mn       = "35020320250013",
  name     = "厦门某水质净化厂 出水口",
  protocol = "2025",
  plant    = { profile = "municipal", flow_m3h = 1500 },
}

at("2025-06-10 13:10", function()
  local id = truth.begin { type = "camera_tampering", station = st,
    note = "forced entry; station camera unplugged 13:11-15:41" }
  st:person_enters { who = "stranger" }
  sleep("1m")
  st.camera.station:power(false)
  sleep("1m")
  st:person_leaves { who = "stranger" }
  sleep("2h28m")
  st:person_enters { who = "stranger" }
  sleep("1m")
  st.camera.station:power(true)
  sleep("1m")
  st:person_leaves { who = "stranger" }
  truth.finish(id)
end)

-- h_sample_cup_injection_raw_manual.lua — holdout, raw API: the station camera is turned
-- 100° at 14:34, at 14:35 (just after the 14:00 COD result, near the limit) the shift
-- leader enters with his card, at 14:37 pours 120 ml of tap water (COD 0) into the COD
-- cup and restarts the analyzer, leaves at 14:40; camera back at 14:42. The manual result
-- (about 15:07) enters the 15:00 hour. Dyeing plant, COD dichromate, HJ 212-2025.
-- A detector should see: an extra COD cycle off schedule, a one-cycle drop of more than
-- half, a door entry and the camera off its preset just before.
scenario {
  name     = "holdout: dyeing plant, cup injection by hand (raw API), 2025",
  start    = "2025-04-21 00:00",
  duration = "1d",
  seed     = 543,
}

local st = station {
  mn       = "33052200000143",
  name     = "长兴某印染有限公司 废水总排口",
  protocol = "2025",
  plant    = { profile = "dyeing", flow_m3h = 65, effluent = { cod = 188 } },
  limits   = { cod = 200 },
}

at("14:34", function()
  local id = truth.begin { type = "sample_cup_injection", station = st,
    note = "shift leader (card 0050), 120 ml tap water into the COD cup, restart; station camera turned" }
  st.camera.station:turn { pan = 100 }
  sleep("1m")
  st:person_enters { who = "班长", card = "0050" }
  sleep("2m")
  st.cod:add_to_cup { ml = 120, cod = 0 }
  local ok, why = st.cod:command("restart")
  log("restart: " .. tostring(ok) .. " " .. tostring(why))
  sleep("3m")
  st:person_leaves { who = "班长" }
  sleep("2m")
  st.camera.station:turn { pan = 0 }
  sleep("1h18m") -- to 16:00: the end of the hour the manual result enters
  truth.finish(id)
end)

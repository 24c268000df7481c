-- tamper.lua — view tests: a station whose cameras are covered / powered off, a hidden
-- pipe and the sampling hose on the tap, all from 00:30 on.
scenario { name = "view test: covered camera, hidden pipe, hose on the tap",
           start = "2022-03-01 00:00", duration = "4h", seed = 3 }

local st = station { mn = "33040001VIEW001", name = "视图测试站 总排口",
                     plant = { profile = "dyeing", flow_m3h = 60 }, cycle = "1h" }

at("00:30", function()
  local id = truth.begin { type = "camera_tampering", station = st, note = "station camera covered" }
  st.camera.station:cover(true)
  st.camera.outfall:power(false)
  st.channel:add_inflow { source = "tap", m3h = 30, hidden = true }
  st.sample_line:connect("tap")
  sleep("2h")
  truth.finish(id)
end)

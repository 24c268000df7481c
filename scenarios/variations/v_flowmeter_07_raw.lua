-- v_flowmeter_07_raw.lua — flow meter tamper with the raw API, mild: a chemical plant
-- (50 m³/h, HJ 212-2017). At 10:00 on day 2 a technician enters with his card and sets the
-- flow meter's factor to 0.7; at 23:58 he comes back and sets it to 1. A detector should
-- see: flow 30 % lower for 14 h while production and lift-pump currents stay as they were
-- (the ratio flow/current breaks), concentrations unchanged; card entries at both ends.
scenario {
  name     = "variation: chemical plant, raw-API flow meter x0.7 for 14 h",
  start    = "2022-09-26 00:00",
  duration = "2d",
  seed     = 322,
}

local st = station {
  mn       = "21021320220026",
  name     = "大连某化工有限公司 污水排放口",
  protocol = "2017",
  plant    = { profile = "chemical", flow_m3h = 50 },
}

at("2022-09-27 09:58", function()
  local id = truth.begin { type = "flowmeter_tamper", station = st, note = "flow meter factor 0.7 at its converter, 10:00-24:00" }
  st:person_enters { who = "technician", card = "0044" }
  sleep("2m")
  st.flow:set { factor = 0.7 }
  sleep("3m")
  st:person_leaves { who = "technician" }
  sleep("13h53m")
  st:person_enters { who = "technician", card = "0044" }
  sleep("2m")
  st.flow:set { factor = 1 }
  sleep("1m")
  st:person_leaves { who = "technician" }
  truth.finish(id)
end)

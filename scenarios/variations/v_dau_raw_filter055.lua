-- v_dau_raw_filter055.lua — DAU tamper with the raw API, strong: a food plant (COD limit 500,
-- effluent COD 470, HJ 212-2025) has a hidden DAU interface that multiplies COD by 0.55
-- before upload from 12:00 on day 1 (mid-shift) for 28 hours; no one on site. A detector
-- should see: uploaded COD at 55 % of the analyzer's own Modbus value, COD stepping down
-- while NH3-N, TP, flow and production do not; no door or camera event.
scenario {
  name     = "variation: food plant, raw-API DAU filter COD x0.55 for 28 h",
  start    = "2025-09-08 00:00",
  duration = "2d",
  seed     = 320,
}

local st = station {
  mn       = "43010520250024",
  name     = "长沙某食品有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "food", flow_m3h = 28, effluent = { cod = 470 } },
  limits   = { cod = 500, nh3n = 45, tp = 8, ph = { 6, 9 } },
}

at("2025-09-08 12:00", function()
  local id = truth.begin { type = "dau_tamper", station = st, note = "hidden DAU interface: COD x0.55 before upload" }
  st.dau:filter("w01018", function(v) return v * 0.55 end)
  sleep("28h")
  st.dau:filter("w01018", nil)
  truth.finish(id)
end)

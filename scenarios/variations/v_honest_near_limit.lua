-- v_honest_near_limit.lua — honest plant running close to its limit: a dyeing plant (COD
-- limit 200, HJ 212-2025) whose effluent COD varies honestly around 180 (90 % of the
-- limit, roughly 85–95 %), with low noise (0.04), for 2 days; nothing is done. Some hours
-- touch or pass the limit by chance and are reported as they are. No fraud. A detector
-- should see: values bunching under the limit *naturally* (the spread continues above it;
-- analyzer and upload agree) — not the DAU cap pattern — no red.
scenario {
  name     = "variation honest: dyeing plant running at ~90 % of its COD limit",
  start    = "2025-05-19 00:00",
  duration = "2d",
  seed     = 348,
}

local st = station {
  mn       = "33048120250048",
  name     = "桐乡某印染有限公司 废水总排口",
  protocol = "2025",
  plant    = { profile = "dyeing", flow_m3h = 85, effluent = { cod = 180, nh3n = 16 }, noise = 0.04 },
  limits   = { cod = 200, nh3n = 20, tp = 1.5, ph = { 6, 9 } },
}
local _ = st

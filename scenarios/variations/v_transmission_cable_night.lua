-- v_transmission_cable_night.lua — transmission cut over midnight: a dyeing plant (COD limit
-- 200, effluent 180, HJ 212-2017). At 22:28 on day 1 a person enters without a card, pulls
-- the DAU's network cable at 22:30 and leaves; treatment runs at 30 % meanwhile; at 03:30
-- the plant is back to normal and he plugs the cable in. (The API's offline keeps the DAU
-- recording, so the gap is backfilled afterwards.) A detector should see: a 5-hour link
-- loss at night starting minutes after a forced entry, high COD in the backfilled data /
-- just after the gap, treatment currents low during it.
scenario {
  name     = "variation: dyeing plant, network cable pulled over midnight, treatment at 30 %",
  start    = "2023-01-09 00:00",
  duration = "2d",
  seed     = 327,
}

local fraud = require "fraud"

local st = station {
  mn       = "33100220230031",
  name     = "台州某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 80, effluent = { cod = 180 } },
  limits   = { cod = 200, nh3n = 20, tp = 1.5, ph = { 6, 9 } },
}

fraud.transmission_cut(st, { at = "2023-01-09 22:30", duration = "5h", method = "cable", treatment = 0.3,
  who = "stranger", card = false })

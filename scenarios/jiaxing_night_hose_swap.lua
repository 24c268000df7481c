-- jiaxing_night_hose_swap.lua — after the Jiaxing 2022 night case: three nights running, at
-- 22:30 an employee turns the station-room camera away, enters with his card and puts the
-- analyzers' sampling hose onto a tap; at 05:30 he puts it back and the camera returns to
-- its preset. By day the data shows the plant as it is (over the COD limit at times); at
-- night it shows tap water: variance collapses, values stop following flow and production.
scenario {
  name     = "Jiaxing: sampling hose on a tap at night, camera turned away, three nights",
  start    = "2022-06-20 08:00",
  duration = "3d",
  seed     = 620,
}

local fraud = require "fraud"

local st = station {
  mn       = "33040001DYE0103",
  name     = "嘉兴某纺织印染公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 80, effluent = { cod = 205 } },
  limits   = { cod = 200 },
}

fraud.sampling_hose_swap(st, { at = "22:30", duration = "7h", source = "tap", days = 3,
  who = "employee", card = "0031", camera = { which = "station", how = "turn", pan = 150 } })

-- r16_honest_electroplating_day1.lua — regression (issue 16), honest: the first day of an
-- electroplating plant on the range, working one day shift (07:00-19:00); when production
-- stops in the evening the flow falls and every concentration falls with the tanks' mixing,
-- on the first day of data, with no history of the plant's day. Nothing is done. A
-- detector should not read the evening fall of all parameters as a dilution: the channel's
-- conductivity does not step toward tap water and the flow falls instead of rising.
scenario {
  name     = "regress16 honest: electroplating plant, first day, day shift",
  start    = "2024-05-20 00:00",
  duration = "2d",
  seed     = 1609,
}

local st = station {
  mn       = "32050016ELP0003",
  name     = "苏州某电镀有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "electroplating", flow_m3h = 18, shifts = { "07:00-19:00" } },
}
local _ = st

-- r16_dilution_weak_long.lua — regression (issue 16): a weak, long tap-water dilution. A
-- hidden pipe feeds 9 m3/h of tap water into the channel of a dyeing plant discharging
-- about 80 m3/h (one part in ten) for 40 hours; the flow meter is downstream of it. Every
-- parameter falls by about a tenth, within the plant's own variation; the conductivity
-- steps a tenth of the way to tap water and the metered flow up by a ninth, at the same
-- minute, and stays so. A detector should tell this from a bypass (which lowers the flow and
-- leaves the water as it is) and from rain (whose water is far less conductive than tap
-- water), and raise tap_water_dilution soon after the pipe opens.
scenario {
  name     = "regress16: weak, long tap-water dilution (1 part in 10, 40 h)",
  start    = "2024-04-15 00:00",
  duration = "3d",
  seed     = 1603,
}

local fraud = require "fraud"

local st = station {
  mn       = "33040016DYE0003",
  name     = "绍兴某印染有限公司 废水总排口",
  protocol = "2025",
  plant    = { profile = "dyeing", flow_m3h = 80 },
}

fraud.tap_water_dilution(st, { at = "2024-04-16 07:30", m3h = 9, duration = "40h" })

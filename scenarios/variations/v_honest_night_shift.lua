-- v_honest_night_shift.lua — honest night production: an electroplating plant works a night
-- shift only (19:00–07:00, cheaper power) — flow, production current and pump current are
-- high at night and near zero by day, as its registered shifts say. HJ 212-2017, 2 days,
-- no fraud. A detector should see: flow mostly at night (as in night_discharge) but with
-- treatment currents following the flow, concentrations at the treated level, cameras on
-- preset, no one in the station room — no alarm.
scenario {
  name     = "variation honest: electroplating plant with a night shift only",
  start    = "2023-07-10 00:00",
  duration = "2d",
  seed     = 344,
}

local st = station {
  mn       = "44200020230044",
  name     = "中山某电镀厂 废水排放口",
  protocol = "2017",
  plant    = { profile = "electroplating", flow_m3h = 18, shifts = { "19:00-07:00" } },
}
local _ = st

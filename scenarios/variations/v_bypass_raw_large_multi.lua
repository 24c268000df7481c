-- v_bypass_raw_large_multi.lua — large bypass with the raw API over midnight, at one of two
-- dyeing plants (HJ 212-2017): plant A (90 m³/h) sends 60 m³/h through a hidden outlet from
-- 20:00 on day 1 to 08:00 on day 2; plant B next door is honest. A detector should see at A:
-- outfall flow at a third of normal for 12 hours while production and treatment currents
-- are unchanged (the whole flow is still treated), concentrations unchanged; nothing at B.
scenario {
  name     = "variation: dyeing plant, raw-API bypass 60 of 90 m3/h overnight; honest neighbour",
  start    = "2022-11-14 00:00",
  duration = "2d",
  seed     = 332,
}

local a = station {
  mn       = "33060220220037",
  name     = "绍兴某印染有限公司(甲) 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 90 },
}
local b = station {
  mn       = "33060220220038",
  name     = "绍兴某印染有限公司(乙) 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 70 },
}
local _ = b

at("2022-11-14 20:00", function()
  local id = truth.begin { type = "bypass_discharge", station = a, note = "hidden outlet: 60 m3/h skip the monitored outfall" }
  a.plant:set { bypass_m3h = 60 }
  sleep("12h")
  a.plant:set { bypass_m3h = 0 }
  truth.finish(id)
end)

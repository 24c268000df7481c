-- r16_dau_power_discharge.lua — regression (issue 16): the DAU powered off during a
-- discharge. At 21:00 on day 1 someone enters the station room and switches the DAU off
-- (raw API: nothing is polled or recorded, nothing is backfilled) while the treatment runs
-- at 20 %; it is switched on again six hours later. A second station nearby reports on as
-- usual. A detector should raise the silence while it lasts: the platform sees a station
-- stop talking within minutes, right after an entry into its room (transmission_cut), not
-- only when it comes back.
scenario {
  name     = "regress16: DAU powered off for 6 h during a discharge",
  start    = "2023-09-11 00:00",
  duration = "2d",
  seed     = 1606,
}

local ep = station {
  mn       = "32050016ELP0002",
  name     = "苏州某电镀有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "electroplating", flow_m3h = 20 },
}

local mun = station {
  mn       = "32050016MUN0001",
  name     = "苏州某镇污水处理厂 出水口",
  protocol = "2017",
  plant    = { profile = "municipal", flow_m3h = 600 },
}
local _ = mun

at("2023-09-11 20:56", function()
  local id = truth.begin { type = "transmission_cut", station = ep,
    note = "worker (card 0031) switches the DAU off; treatment at 20 % for six hours" }
  ep:person_enters { who = "worker", card = "0031" }
  sleep("4m")
  ep.dau:power(false)
  ep.plant:set { treatment = 0.2 }
  sleep("1m")
  ep:person_leaves { who = "worker" }
  sleep("6h")
  ep.plant:set { treatment = 1 }
  ep.dau:power(true)
  truth.finish(id)
end)

-- r16_flowmeter_scaled_raw.lua — regression (issue 16): a flow meter scaled down at its
-- converter through its remote interface, with nobody entering the station room: at the
-- food plant from 13:20 on day 2 for 9 hours the meter reports 0.65 of the true flow (its
-- totalizer integrates the same scaled flow). At the electroplating plant the meter is
-- scaled x0.55 through the library at night (with an entry). A detector should see that the
-- metered flow falls by a factor (its swings shrink with it, as the treatment pumps' current
-- keeps following the true flow) and not by a fixed amount, as a hidden outlet takes it, and
-- raise flowmeter_tamper.
scenario {
  name     = "regress16: flow meter scaled down (remote, and on site at night)",
  start    = "2022-10-10 00:00",
  duration = "2d",
  seed     = 1604,
}

local fraud = require "fraud"

local food = station {
  mn       = "37070016FOD0001",
  name     = "潍坊某食品有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "food", flow_m3h = 45 },
}

local ep = station {
  mn       = "32050016ELP0001",
  name     = "苏州某电镀有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "electroplating", flow_m3h = 25 },
}

at("2022-10-11 13:20", function()
  local id = truth.begin { type = "flowmeter_tamper", station = food,
    note = "flow meter scaled x0.65 through its converter's remote interface" }
  food.flow:set { factor = 0.65 }
  sleep("9h")
  food.flow:set { factor = 1 }
  truth.finish(id)
end)

fraud.flowmeter_tamper(ep, { at = "2022-10-11 01:10", factor = 0.55, duration = "6h" })

-- v_sample_cup_raw_measure.lua — sample-cup injection staged with the raw API, at one of
-- two stations (the other, a municipal plant nearby, is honest). At the food plant
-- (COD analyzer, limit 500, effluent running high at 480) a worker enters with his card
-- at 14:33 on day 2, pours 120 ml of water from the wash basin (COD 0) into the cup and
-- starts a manual measurement with "measure" (not "restart": the 14:00 cycle is already
-- done). He leaves at 14:38. A detector should see: an extra measurement in the 14:00
-- hour (manual start, SampleTime off schedule), a drop of more than half and the rebound at
-- 15:00/16:00, a card entry five minutes before; nothing at the municipal plant.
scenario {
  name     = "variation: food plant, raw-API cup injection with 'measure'; honest neighbour",
  start    = "2022-08-15 00:00",
  duration = "2d",
  seed     = 303,
}

local food = station {
  mn       = "37078220220003",
  name     = "潍坊某食品有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "food", flow_m3h = 35, effluent = { cod = 480 }, shifts = { "07:00-19:00" } },
  limits   = { cod = 500, nh3n = 45, tp = 8, ph = { 6, 9 } },
}

local mun = station {
  mn       = "37078220220004",
  name     = "潍坊某镇污水处理厂 出水口",
  protocol = "2017",
  plant    = { profile = "municipal", flow_m3h = 800 },
}
local _ = mun

at("2022-08-16 14:33", function()
  local id = truth.begin { type = "sample_cup_injection", station = food,
    note = "worker (card 0051) pours 120 ml of clean water into the COD cup, manual 'measure'" }
  food:person_enters { who = "worker", card = "0051" }
  sleep("2m")
  food.cod:add_to_cup { ml = 120, cod = 0 }
  for _ = 1, 10 do -- waits if a cycle is still running
    local ok = food.cod:command("measure")
    if ok then break end
    sleep("1m")
  end
  sleep("3m")
  food:person_leaves { who = "worker" }
  sleep("1h22m") -- to 16:00: the manual result (about 15:05) enters the 15:00 hour
  truth.finish(id)
end)

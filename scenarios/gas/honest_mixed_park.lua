-- honest_mixed_park.lua — an industrial park with water and gas stations side by side on
-- one range: a food plant's wastewater outfall (ST 32), a dyeing-and-finishing plant's
-- coal boiler (ST 31) and a furniture factory's coating line (VOCs, ST 31), each with its
-- own endpoint, DAU and HJ 212 link to the same platform. Routine days: the boiler's night
-- valley, the coating line's day shift, the daily calibrations. No fraud, no truth events.
scenario {
  name     = "honest: mixed park, water and gas stations",
  start    = "2024-05-13 00:00",
  duration = "2d",
  seed     = 37,
}

station {
  mn    = "33040001FOD0301",
  name  = "某食品公司 废水排放口",
  plant = { profile = "food", flow_m3h = 40 },
}

local boiler = station {
  kind  = "gas",
  mn    = "33040001DYE0301",
  name  = "某印染公司 自备锅炉排口",
  plant = { profile = "coal_boiler", load = 0.8, flue_nm3h = 60000 },
  limits = { so2 = 35, nox = 50, pm = 10, o2_ref = 6 },
  stack = { area_m2 = 1.77, bypass = false },
}

local coating = station {
  kind  = "vocs",
  mn    = "33040001FUR0301",
  name  = "某家具公司 涂装 RTO 排口",
  plant = { profile = "coating_vocs", load = 0.7, flue_nm3h = 25000 },
  limits = { nmhc = 60 },
}

every("1d", function()
  boiler.plant:set { load = 0.55 }
  sleep("6h")
  boiler.plant:set { load = 0.8 }
end, { from = "23:30" })

coating.plant:set { running = false }
every("1d", function()
  coating.plant:set { running = true }
  sleep("12h")
  coating.plant:set { running = false }
end, { from = "08:00" })

-- gas_hj75.lua — the HJ 75 check's station: a coal boiler at steady load (no daily pattern)
-- for six hours, one DAU speaking HJ 212-2017 and one 2025. 02:00: the daily calibration
-- (15 minutes flagged C: the hour keeps its 45 valid minutes). 04:10: the SO2 analyzer in
-- maintenance for 20 minutes (with the 04:00 blowback the hour keeps fewer than 45).
scenario { name = "HJ 75 check: coal boiler at steady load", start = "2024-11-04 00:00",
           duration = "6h", seed = 75 }

local function boiler(mn, protocol)
  return station { kind = "gas", mn = mn, protocol = protocol,
                   plant = { profile = "coal_boiler", load = 0.85, pattern = 0 },
                   limits = { o2_ref = 6 } }
end
local a = boiler("33040001HJ750017", "2017")
local b = boiler("33040001HJ750025", "2025")

at("04:10", function()
  a.so2:command("maintenance_on")
  b.so2:command("maintenance_on")
  sleep("20m")
  a.so2:command("maintenance_off")
  b.so2:command("maintenance_off")
end)

-- gas_series.lua — series.csv of a mixed range: a coal boiler (O2 measured in the extracted
-- sample) whose probe draws 40 % ambient air from 01:00 to 02:00, a chemical plant's VOCs outlet, and a wastewater outfall, for
-- three hours (tests/dau/gas_series.py).
scenario { name = "series.csv: gas rows beside water rows", start = "2024-11-04 00:00",
           duration = "3h", seed = 212 }

local boiler = station { kind = "gas", mn = "33040001SER0031",
  plant = { profile = "coal_boiler", load = 0.85, pattern = 0 }, limits = { o2_ref = 6 },
  analyzers = { so2 = true, nox = true, o2 = "extractive", co = true, pm = true } }
station { kind = "vocs", mn = "33040001SER0032", plant = { profile = "chemical_vocs" } }
station { mn = "33040001SER0033", plant = { profile = "food", flow_m3h = 40 } }

at("01:00", function()
  boiler.probe:leak { air = 0.4 }
  sleep("1h")
  boiler.probe:leak(nil)
end)

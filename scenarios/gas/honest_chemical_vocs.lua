-- honest_chemical_vocs.lua — a fine-chemicals plant's VOCs header to an RTO: batch
-- reactors make the load swing through the day, the RTO holds its chamber at 820 degC,
-- the GC-FID calibrates at 02:00, and on day 2 the operator stops the GC-FID for a column
-- check and starts it again. No fraud, no truth events.
scenario {
  name     = "honest: chemical plant VOCs with RTO, batch swings",
  start    = "2024-03-11 00:00",
  duration = "2d",
  seed     = 36,
}

local st = station {
  kind  = "vocs",
  mn    = "33040001CHM0101",
  name  = "某精细化工公司 RTO 排口",
  plant = { profile = "chemical_vocs", load = 0.75 },
  limits = { nmhc = 60 },
}

every("6h", function()
  st.plant:set { load = 1.0 }
  sleep("2h")
  st.plant:set { load = 0.6 }
end, { from = "01:00" })

records.work_order { station = st, task = "maintenance", start = "2024-03-12 10:00",
                     ["end"] = "2024-03-12 11:00", who = "运维 孙工", filed = "2024-03-12 08:30" }
at("2024-03-12 10:10", function()
  st:person_enters { who = "运维 孙工", card = "0071" }
  st.nmhc:command("stop")
  sleep("30m")
  st.nmhc:command("start")
  sleep("5m")
  st:person_leaves { who = "运维 孙工" }
end)

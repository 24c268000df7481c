-- v_honest_maintenance_flags.lua — honest maintenance with data flags under a work order: a
-- chemical plant (HJ 212-2017), no fraud. Day 2 at 10:00 the O&M technician files a 3-hour
-- maintenance work order (pump tube and reagent exchange on the COD and NH3-N analyzers),
-- enters with his card, the DAU flags COD and NH3-N 'M' for the time of the work
-- (10:05–12:35), the analyzers are stopped and restarted; he leaves at 12:45. Values are
-- normal before and after. A detector should see: M flags and analyzer stops entirely
-- inside a maintenance work order with a card entry — no red.
scenario {
  name     = "variation honest: maintenance with M flags under a work order",
  start    = "2023-08-14 00:00",
  duration = "2d",
  seed     = 342,
}

local st = station {
  mn       = "32050620230042",
  name     = "张家港某化工有限公司 污水排放口",
  protocol = "2017",
  plant    = { profile = "chemical", flow_m3h = 50 },
}

records.work_order { station = st, task = "maintenance", start = "2023-08-15 10:00", ["end"] = "2023-08-15 13:00",
  who = "运维 刘工" }

at("2023-08-15 10:00", function()
  st:person_enters { who = "运维 刘工", card = "0008" }
  sleep("5m")
  st.dau:flag("w01018", "M")
  st.dau:flag("w21003", "M")
  st.cod:command("stop")
  st.nh3n:command("stop")
  sleep("2h20m")
  st.cod:command("restart")
  st.nh3n:command("restart")
  sleep("10m")
  st.dau:flag("w01018", nil)
  st.dau:flag("w21003", nil)
  sleep("10m")
  st:person_leaves { who = "运维 刘工" }
end)

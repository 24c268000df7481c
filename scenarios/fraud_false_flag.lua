-- fraud_false_flag.lua — dyeing plant: a real process upset starts at 00:00 (raw water three
-- times as strong, nothing fraudulent in itself) and COD climbs over the limit (200) after
-- about five hours. At 06:10, within an hour of the first exceedances, the DAU is set to
-- flag COD and NH3-N 'M' (maintenance) for nine hours, without a work order, so the data
-- is invalid.
scenario {
  name     = "dyeing plant, maintenance flag after exceedances",
  start    = "2022-10-10 00:00",
  duration = "2d",
  seed     = 43,
}

local fraud = require "fraud"

local st = station {
  mn       = "33040001DYE0006",
  name     = "某印染公司 废水总排口",
  protocol = "2025",
  plant    = { profile = "dyeing", flow_m3h = 80 },
}

-- the real upset (not a fraud: no truth event)
at("2022-10-10 00:00", function()
  st.plant:set { upset = 3 }
  sleep("15h")
  st.plant:set { upset = 1 }
end)

fraud.false_flag(st, { at = "2022-10-10 06:10", duration = "9h", codes = { "w01018", "w21003" }, flag = "M" })

-- v_false_flag_C_days.lua — false calibration flag, two afternoons: a municipal plant
-- (NH3-N limit 5, effluent NH3-N 3.8, HJ 212-2017) has a real afternoon nitrification dip
-- (raw water 1.8× from 11:00 to 17:00 each day, an honest upset) that takes NH3-N over
-- 5. Each day at 14:10 the DAU flags NH3-N 'C' (calibration) for 4 hours — no work
-- order, no technician in the room (library, days = 2). A detector should see: C flags on
-- NH3-N starting within hours of over-limit values, twice at the same time of day,
-- without a work order or door entry, and more flagged time than any schedule explains.
scenario {
  name     = "variation: municipal plant, NH3-N flagged C two afternoons without a work order",
  start    = "2021-08-02 00:00",
  duration = "2d",
  seed     = 326,
}

local fraud = require "fraud"

local st = station {
  mn       = "34020220210030",
  name     = "芜湖某污水处理厂 出水口",
  protocol = "2017",
  plant    = { profile = "municipal", flow_m3h = 1200, effluent = { nh3n = 3.8 } },
}

every("1d", function()
  st.plant:set { upset = 1.8 }
  sleep("6h")
  st.plant:set { upset = 1 }
end, { from = "2021-08-02 11:00" })

fraud.false_flag(st, { at = "2021-08-02 14:10", duration = "4h", codes = { "nh3n" }, flag = "C", days = 2 })

-- r16_treatment_partload_flags.lua — regression (issue 16): two frauds at one station. From
-- 08:00 on day 2 the plant runs its treatment at 35 % to save power while production runs;
-- the COD rises over its limit within hours, and from 13:00 the COD analyzer is flagged
-- maintenance (M) at the DAU with no work order, so that the exceedances are invalid data.
-- A detector should raise both: treatment_stopped (the blower and pump currents at a third
-- of their usual, the concentrations rising) and false_flag (flags right after values over
-- the limit, no order).
scenario {
  name     = "regress16: treatment at part load, exceedances hidden by false flags",
  start    = "2023-06-05 00:00",
  duration = "2d",
  seed     = 1605,
}

local fraud = require "fraud"

local st = station {
  mn       = "32020016CHM0002",
  name     = "无锡某化工有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "chemical", flow_m3h = 40 },
}

fraud.treatment_stopped(st, { at = "2023-06-06 08:00", level = 0.35, duration = "12h" })
fraud.false_flag(st, { at = "2023-06-06 13:00", codes = { "w01018", "w21003" }, flag = "M",
  duration = "7h" })

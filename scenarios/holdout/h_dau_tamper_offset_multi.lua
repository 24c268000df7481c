-- h_dau_tamper_offset_multi.lua — holdout: the DAU's hidden interface subtracts a fixed
-- 25 mg/L from COD and from TN before upload, from 18:00 on day 1 to the end of the run
-- (30 h), no one on site. Municipal plant (COD 45 against a limit of 50), COD, NH3-N, TP,
-- TN analyzers, HJ 212-2017.
-- A detector should see: uploaded COD/TN 25 under the analyzers' own Modbus records.
scenario {
  name     = "holdout: municipal plant, DAU offsets COD and TN",
  start    = "2021-12-06 00:00",
  duration = "2d",
  seed     = 531,
}

local fraud = require "fraud"

local st = station {
  mn       = "34010400000131",
  name     = "合肥某污水处理厂 出水口",
  protocol = "2017",
  plant    = { profile = "municipal", flow_m3h = 1800, effluent = { cod = 45, tn = 14 } },
}

fraud.dau_tamper(st, { at = "18:00", codes = { "cod", "tn" }, mode = "offset", offset = -25 })

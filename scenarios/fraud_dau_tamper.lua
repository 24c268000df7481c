-- fraud_dau_tamper.lua — dyeing plant whose effluent runs over the COD limit (200) most
-- hours. A hidden interface in the DAU rewrites every COD value over 190 to just under it
-- before upload (values bunch under the limit; the analyzer's own record over Modbus shows
-- the real value). Installed remotely at 02:00 on day 1, removed the afternoon of day 2.
scenario {
  name     = "dyeing plant, DAU caps COD under the limit",
  start    = "2022-05-16 00:00",
  duration = "2d",
  seed     = 13,
}

local fraud = require "fraud"

local st = station {
  mn       = "33040001DYE0004",
  name     = "某印染公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 70, effluent = { cod = 235 } },
  limits   = { cod = 200 },
}

fraud.dau_tamper(st, { at = "2022-05-16 02:00", duration = "36h", codes = { "w01018" }, mode = "cap", cap = 190 })

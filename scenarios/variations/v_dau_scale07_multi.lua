-- v_dau_scale07_multi.lua — DAU tamper by scaling, at one of two stations: an
-- electroplating plant's DAU (HJ 212-2017) has firmware that multiplies COD, NH3-N and TP
-- by 0.7 before upload from 03:00 on day 1 (the third hour of the run) to the end. The
-- dyeing plant next door is honest. A detector should see: the uploaded values 30 % under
-- the analyzers' own Modbus records, three unrelated parameters moved by the same factor,
-- no door or camera event; nothing at the dyeing plant.
scenario {
  name     = "variation: electroplating DAU scales three parameters by 0.7 from the 3rd hour; honest neighbour",
  start    = "2021-07-12 00:00",
  duration = "2d",
  seed     = 317,
}

local fraud = require "fraud"

local elp = station {
  mn       = "44190020210020",
  name     = "东莞某五金电镀厂 废水排放口",
  protocol = "2017",
  plant    = { profile = "electroplating", flow_m3h = 20, effluent = { cod = 75, nh3n = 11, tp = 0.85 } },
}
local dye = station {
  mn       = "44190020210021",
  name     = "东莞某漂染厂 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 60 },
}
local _ = dye

fraud.dau_tamper(elp, { at = "2021-07-12 03:00", codes = { "cod", "nh3n", "tp" }, mode = "scale", factor = 0.7 })

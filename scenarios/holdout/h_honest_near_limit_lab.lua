-- h_honest_near_limit_lab.lua — holdout, honest: two plants running close to their COD
-- limits, honestly. A dyeing plant with effluent COD 192 (limit 200) whose hourly values
-- straddle the limit, and an electroplating plant with COD 74 (limit 80), also over it at times; the environmental
-- bureau's lab samples (records.lab) agree with the analyzers within a few per cent.
-- HJ 212-2017, two days. A detector should report the true exceedances but no fraud: no
-- values bunching under the limit by manipulation, no door or parameter events.
scenario {
  name     = "honest holdout: two plants close to their limits, lab agrees",
  start    = "2022-03-21 00:00",
  duration = "2d",
  seed     = 567,
}

local dye = station {
  mn       = "33060300000168",
  name     = "绍兴越城某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 85, effluent = { cod = 192 } },
  limits   = { cod = 200 },
}
local elp = station {
  mn       = "33060300000169",
  name     = "绍兴越城某电镀有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "electroplating", flow_m3h = 20, effluent = { cod = 74 } },
  limits   = { cod = 80 },
}

records.lab { station = dye, param = "cod", time = "2022-03-21 10:00", value = 195 }
records.lab { station = dye, param = "cod", time = "2022-03-22 15:00", value = 171 }
records.lab { station = elp, param = "cod", time = "2022-03-21 10:30", value = 85.6 }
records.lab { station = elp, param = "cod", time = "2022-03-22 15:30", value = 71.4 }

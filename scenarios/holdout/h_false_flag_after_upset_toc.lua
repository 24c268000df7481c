-- h_false_flag_after_upset_toc.lua — holdout: a real process upset (raw water ×2.5 from
-- 05:00 for 9 h) drives COD over its limit of 200 from about 10:00; at 09:25, as COD climbs
-- toward the limit, the DAU flags COD and NH3-N "D" (fault) for 8 h, with no work order.
-- Dyeing plant, TOC analyzer, HJ 212-2025.
-- A detector should see: D flags on both parameters for 8 h starting within an hour of
-- the exceedances (which stay hidden under the flag), with no matching work order.
scenario {
  name     = "holdout: dyeing plant, fault flags after an upset, TOC, 2025",
  start    = "2022-08-01 00:00",
  duration = "2d",
  seed     = 534,
}

local fraud = require "fraud"

local st = station {
  mn        = "33070200000134",
  name      = "金华某印染有限公司 废水总排口",
  protocol  = "2025",
  plant     = { profile = "dyeing", flow_m3h = 70, effluent = { cod = 170 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

at("05:00", function()
  log("process upset: raw water x2.5")
  st.plant:set { upset = 2.5 }
  sleep("9h")
  st.plant:set { upset = 1 }
end)

fraud.false_flag(st, { at = "09:25", duration = "8h", codes = { "cod", "nh3n" }, flag = "D" })

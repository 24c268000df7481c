-- v_stdsol_cod_mild_toc.lua — a mild standard-solution tamper without paperwork: at a dyeing
-- plant with a TOC analyzer on the COD position (limit 200, effluent COD 215, over the
-- limit, HJ 212-2017) the technician swaps the COD standard for one 15 % stronger than its
-- label (factor 1.15) at 14:40 on day 1 and calibrates on it, but files no work order. The
-- analyzer then reads 13 % low — just enough to bring the COD under 200. A detector should
-- see: a calibration (analyzer status/log) without a work order, then a step down of the
-- COD level by ~13 % while NH3-N and TP do not move; a card entry.
scenario {
  name     = "variation: dyeing plant, TOC, COD standard x1.15, calibrated, no work order",
  start    = "2022-04-25 00:00",
  duration = "2d",
  seed     = 316,
}

local fraud = require "fraud"

local st = station {
  mn       = "33068220220019",
  name     = "上虞某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 75, effluent = { cod = 215 } },
  limits   = { cod = 200, nh3n = 20, tp = 1.5, ph = { 6, 9 } },
  analyzers = { cod = "toc", nh3n = true, tp = true, ph = true },
}

fraud.standard_solution_tamper(st, { at = "2022-04-25 14:40", param = "cod", factor = 1.15, work_order = false })

-- v_treatment_blower_raw.lua — treatment partly stopped with the raw API: a food plant
-- (30 m³/h, day shift 06:00–22:00, HJ 212-2017) switches off only its aeration blower by
-- hand at 10:00 on day 2 for 6 hours while production runs (the lift pump keeps running,
-- so half the treatment is lost). A detector should see: the blower's current at 0 A while
-- the production line draws its usual current, then COD/NH3-N/TP rising with the
-- treatment tank's time constant (hours); no door event (the blower is outside).
scenario {
  name     = "variation: food plant, raw-API blower off 6 h mid-shift",
  start    = "2022-05-09 00:00",
  duration = "2d",
  seed     = 323,
}

local st = station {
  mn       = "34010420220027",
  name     = "合肥某食品有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "food", flow_m3h = 30, shifts = { "06:00-22:00" } },
}

at("2022-05-10 10:00", function()
  local id = truth.begin { type = "treatment_stopped", station = st, note = "aeration blower switched off by hand while production runs" }
  st.facility.blower:set { on = false }
  sleep("6h")
  st.facility.blower:set { on = true }
  truth.finish(id)
end)

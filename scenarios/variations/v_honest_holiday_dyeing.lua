-- v_honest_holiday_dyeing.lua — honest production stop: a dyeing plant (HJ 212-2025) stops
-- production for the Spring Festival from 18:00 on day 1 to the end of the run (30 h);
-- treatment keeps running (aeration on, the lift pump idles as the inflow ends). No fraud.
-- A detector should see: production current and flow falling to zero while treatment
-- currents stay (blower) — the opposite of treatment_stopped — and concentrations staying
-- at the treated level; no alarm (perhaps a yellow on the flow drop, never red).
scenario {
  name     = "variation honest: dyeing plant, holiday stop with treatment running",
  start    = "2024-02-08 00:00",
  duration = "2d",
  seed     = 343,
}

local st = station {
  mn       = "33060320240043",
  name     = "柯桥某印染有限公司 废水总排口",
  protocol = "2025",
  plant    = { profile = "dyeing", flow_m3h = 80 },
}

at("2024-02-08 18:00", function()
  log("Spring Festival: production stopped, treatment running")
  st.plant:set { production = 0 }
end)

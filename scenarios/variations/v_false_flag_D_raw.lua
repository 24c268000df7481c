-- v_false_flag_D_raw.lua — false flag with the raw API, right after an exceedance: an
-- electroplating plant (COD limit 80, effluent COD 60, HJ 212-2017) has a real process
-- upset (raw water 3× as strong, not a fraud) from 06:00 on day 1; its COD goes over 80 in
-- the morning. At 11:05, within an hour of the first over-limit results, the DAU is made
-- to flag COD 'D' (fault) for 7 hours without a work order, so the data is invalid. A
-- detector should see: the D flag starting within an hour after COD over the limit, no
-- work order, no door entry (no one repairs anything), the flag lifted once the upset is
-- over.
scenario {
  name     = "variation: electroplating, raw-API fault flag D after exceedances",
  start    = "2022-03-28 00:00",
  duration = "2d",
  seed     = 325,
}

local st = station {
  mn       = "33070220220029",
  name     = "金华某电镀有限公司 废水排放口",
  protocol = "2017",
  plant    = { profile = "electroplating", flow_m3h = 20, effluent = { cod = 60 } },
}

-- the real upset (no truth event)
at("2022-03-28 06:00", function()
  st.plant:set { upset = 3 }
  sleep("10h")
  st.plant:set { upset = 1 }
end)

at("2022-03-28 11:05", function()
  local id = truth.begin { type = "false_flag", station = st, note = "COD flagged D (fault) after exceedances, no work order" }
  st.dau:flag("w01018", "D")
  sleep("7h")
  st.dau:flag("w01018", nil)
  truth.finish(id)
end)

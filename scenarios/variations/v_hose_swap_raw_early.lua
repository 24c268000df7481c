-- v_hose_swap_raw_early.lua — sampling hose onto prepared water, staged with the raw API in
-- the first hours of the run (01:30–06:30 on day 1: the detector's baselines are young).
-- A dyeing plant (dichromate COD, limit 200, effluent 190, HJ 212-2017). A worker enters
-- without a card (tailgated), turns nothing, puts the sampling hose into a bucket (COD 60,
-- NH3-N 2, TP 0.3), leaves; at 06:30 he comes back and puts it into the channel. A
-- detector should see: flat low values (COD ~60) for five hours with no variance, a
-- forced entry before and after; the values jump back at ~07:30.
scenario {
  name     = "variation: dyeing plant, raw-API bucket hose swap in the first hours",
  start    = "2023-02-06 00:00",
  duration = "1d",
  seed     = 308,
}

local st = station {
  mn       = "33048220230009",
  name     = "海宁某印染有限公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 70, effluent = { cod = 190 } },
  limits   = { cod = 200, nh3n = 20, tp = 1.5, ph = { 6, 9 } },
}

at("2023-02-06 01:30", function()
  local id = truth.begin { type = "sampling_hose_swap", station = st,
    note = "forced entry; sampling hose put into a bucket (COD 60, NH3-N 2, TP 0.3) until 06:30" }
  st:person_enters { who = "worker" }
  sleep("2m")
  st.sample_line:connect("bucket", { cod = 60, nh3n = 2, tp = 0.3, ph = 7.2 })
  sleep("2m")
  st:person_leaves { who = "worker" }
  sleep("4h56m")
  st:person_enters { who = "worker" }
  sleep("1m")
  st.sample_line:connect("channel")
  sleep("2m")
  st:person_leaves { who = "worker" }
  truth.finish(id)
end)

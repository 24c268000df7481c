-- v_honest_municipal_3d_lab.lua — honest municipal plant over 3 days (HJ 212-2017, COD and TN
-- analyzers, diurnal city flow): a daily standard check at 09:40 by the O&M technician
-- under a work order with a card entry, and lab comparison samples at 10:00 each day
-- (COD, NH3-N) that agree with the effluent (means COD 30, NH3-N 1.5). No fraud. A
-- detector should see: the daily diurnal pattern, scheduled checks inside work orders,
-- lab results within about 15 % of the analyzer — no red.
scenario {
  name     = "variation honest: municipal plant 3 days, daily standard checks, lab agrees",
  start    = "2022-05-16 00:00",
  duration = "3d",
  seed     = 350,
}

local fraud = require "fraud" -- time helpers only

local st = station {
  mn       = "42010620220050",
  name     = "武汉某污水处理厂 出水口",
  protocol = "2017",
  plant    = { profile = "municipal", flow_m3h = 2200 },
  analyzers = { cod = "cod", nh3n = true, tp = true, tn = true, ph = true },
}

every("1d", function()
  local t0 = fraud.time(nil)
  records.work_order { station = st, task = "standard_check", start = fraud.format_minute(t0),
    ["end"] = fraud.format_minute(t0 + 3600), who = "运维 赵工" }
  st:person_enters { who = "运维 赵工", card = "0009" }
  sleep("3m")
  pcall(st.cod.command, st.cod, "standard_check")
  pcall(st.nh3n.command, st.nh3n, "standard_check")
  sleep("57m")
  st:person_leaves { who = "运维 赵工" }
end, { from = "2022-05-16 09:40" })

for d = 0, 2 do
  local day = fraud.format_minute(fraud.time("2022-05-16 10:00") + d * 86400)
  records.lab { station = st, param = "cod", time = day, value = math.floor(rand_normal(30, 1.2) * 10 + 0.5) / 10 }
  records.lab { station = st, param = "nh3n", time = day, value = math.floor(rand_normal(1.5, 0.06) * 100 + 0.5) / 100 }
end

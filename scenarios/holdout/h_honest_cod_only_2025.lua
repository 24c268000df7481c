-- h_honest_cod_only_2025.lua — holdout, honest: a small food factory with only a COD
-- analyzer (no NH3-N, TP, TN analyzers, no pH probe) and no cameras, HJ 212-2025,
-- producing 08:00–18:00 (a Monday and a Tuesday). On day 2 at 10:35 the O&M technician swaps the
-- COD reagents and runs a standard check (work order "maintenance", card 0031 — the same
-- card number the library's operator uses by default), leaves at 11:25.
-- A detector should raise nothing: one parameter only, no cameras, a covered entry.
scenario {
  name     = "honest holdout: small food factory, COD only, no cameras, 2025",
  start    = "2025-02-17 00:00",
  duration = "2d",
  seed     = 568,
}

local st = station {
  mn        = "33108200000170",
  name      = "临海某食品厂 废水总排口",
  protocol  = "2025",
  plant     = { profile = "food", flow_m3h = 12, shifts = { "08:00-18:00" } },
  analyzers = { cod = "cod", nh3n = false, tp = false, tn = false, ph = false },
  cameras   = {},
}

records.work_order { station = st, task = "maintenance", start = "2025-02-18 10:35",
  ["end"] = "2025-02-18 11:25", who = "运维 赵工" }
at("2025-02-18 10:35", function()
  st:person_enters { who = "运维 赵工", card = "0031" }
  sleep("20m")
  for _ = 1, 40 do
    local ok = st.cod:command("standard_check")
    if ok then break end
    sleep("1m")
  end
  sleep("10m")
  st:person_leaves { who = "运维 赵工" }
end)

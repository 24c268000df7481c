-- c_dau_filter.lua — suite test: the DAU clips COD at 30 mg/L from 06:00 to 09:00.
scenario { name = "suite test: DAU rewrites COD", start = "2022-02-08 00:00", duration = "12h", seed = 9 }

local st = station {
  mn       = "99000001SUI0003",
  name     = "suite test DAU tamper",
  plant    = { profile = "dyeing", flow_m3h = 40 },
}

at("06:00", function()
  local id = truth.begin { type = "dau_tamper", station = st, note = "COD clipped at 30" }
  st.dau:filter("w01018", function(v) return math.min(v, 30) end)
  sleep("3h")
  st.dau:filter("w01018", nil)
  truth.finish(id)
end)

-- honest_process_upset.lua — a real process upset at a dyeing plant: from 06:00 a run of
-- heavy, concentrated dye-house batches makes the raw water 2.5 times as strong for 10
-- hours (st.plant:set{upset}, the plant model's raw-water upset knob). COD, NH3-N and TP
-- rise together through the equalisation and treatment tanks (COD over the limit of 200
-- from early afternoon into the night) and are reported as they are; the blower and pumps
-- run normally. No fraud, no truth events.
scenario {
  name     = "honest: a real process upset raising COD over the limit",
  start    = "2022-11-14 00:00",
  duration = "2d",
  seed     = 103,
}

local st = station {
  mn       = "33040001DYE0202",
  name     = "某印染公司 废水总排口",
  protocol = "2017",
  plant    = { profile = "dyeing", flow_m3h = 80 },
}

at("2022-11-14 06:00", function()
  log("process upset: concentrated dye-house batches")
  st.plant:set { upset = 2.5 }
  sleep("10h")
  st.plant:set { upset = 1 }
  log("process upset over: concentrations recover with the tanks")
end)

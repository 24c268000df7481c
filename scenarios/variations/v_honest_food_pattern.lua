-- v_honest_food_pattern.lua — honest food plant with its strong daily pattern: two shifts
-- (06:00–14:00, 14:00–22:00), CIP cleaning at 18:00 with the highest flow, nights with
-- almost no flow; noise 0.15. HJ 212-2025, 2 days; on day 2 at 08:30 the plant manager
-- enters with his card for 20 minutes to read the displays (an everyday visit, no work
-- order needed for reading). No fraud. A detector should see: large daily swings of flow
-- and concentration that follow production current, one short card entry with no change
-- in any signal — no red.
scenario {
  name     = "variation honest: food plant, two shifts, strong daily pattern, a routine visit",
  start    = "2023-11-20 00:00",
  duration = "2d",
  seed     = 349,
}

local st = station {
  mn       = "37021420230049",
  name     = "青岛某食品有限公司 废水排放口",
  protocol = "2025",
  plant    = { profile = "food", flow_m3h = 40, shifts = { "06:00-14:00", "14:00-22:00" }, noise = 0.15 },
}

at("2023-11-21 08:30", function()
  st:person_enters { who = "厂长", card = "0001" }
  sleep("20m")
  st:person_leaves { who = "厂长" }
end)

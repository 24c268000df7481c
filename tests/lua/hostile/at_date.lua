-- hostile: an impossible date
at("2022-02-30 10:00", function() end)

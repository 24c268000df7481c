-- test module with a bad scheduling call, to check file:line inside modules
return { go = function() at("25:00", function() end) end }

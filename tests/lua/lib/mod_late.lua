-- test module scheduling a task that fails later: its error names the scenario's line
return { go = function() after("1h", function() sleep("1m"); local x; return x.y end) end }

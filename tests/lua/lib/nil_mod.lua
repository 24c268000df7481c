-- test module returning nothing
nil_mod_ran = true

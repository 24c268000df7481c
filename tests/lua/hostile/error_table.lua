-- an error with a table value
error({ code = 1 })

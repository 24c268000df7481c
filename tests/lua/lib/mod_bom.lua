#!/usr/bin/env lua
-- test module with a BOM and a first line for a shell
error("line three")

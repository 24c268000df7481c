#!/usr/bin/env bash
# `hjrange check` knows the gas station API (GAS.md): a clean gas scenario passes; unknown
# names in station{}, the objects and their arguments are errors naming file:line (and the
# closest name), in English and Chinese.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
head='scenario { name = "t", start = "2024-01-01 00:00", duration = "2h" }'
expect() { # name, body, expected text
  printf '%s\n%s\n' "$head" "$2" >"$tmp/$1.lua"
  if "$HJRANGE" check "$tmp/$1.lua" >"$tmp/$1.out" 2>&1; then fail "$1: accepted"; fi
  grep -qF -- "$3" "$tmp/$1.out" || { cat "$tmp/$1.out"; fail "$1: no '$3'"; }
}
cat >"$tmp/ok.lua" <<LUA
$head
local st = station { kind = "gas", mn = "G1", plant = { profile = "coal_boiler", load = 0.8 },
  limits = { so2 = 35, o2_ref = 6 }, analyzers = { o2 = "extractive", co2 = true },
  stack = { area_m2 = 7.07, bypass = true } }
local v = station { kind = "vocs", mn = "V1", protocol = "2025" }
at("00:10", function()
  st.probe:leak { air = 0.3 }; st.probe:leak(nil); st.probe:blowback()
  st.line:set { heat = false, chiller_c = 12 }; st.line:set { heat = true, chiller_c = 4 }
  st.cylinder("so2"):swap { label = 160, actual = 200 }
  st.flue:set { kv = 0.9 }; st.damper:set { bypass = 0.2 }
  st.plant:set { load = 0.5, soot_blowing = true, fuel = 1.3 }; st.facility.fgd:set { on = false }
  st.so2:set { slope = 1.1 }; st.so2:command("calibrate"); st.pm:freeze(3); st.pm:freeze(nil)
  st.dau:flag("a21026", "M"); st.dau:flag("so2", nil)
  v.facility.rto:set { temp_c = 700 }; v.nmhc:command("zero_check")
  st.so2:standard { so2 = 200 }; v.nmhc:standard { thc = 62.5, ch4 = 25 }
  st.o2:zero_gas { share = 0.3 }; st.o2:zero_gas(nil); st.so2:hold_flag(true); st.so2:hold_flag(false)
end)
LUA
"$HJRANGE" check "$tmp/ok.lua" >"$tmp/ok.out" 2>&1 || { cat "$tmp/ok.out"; fail "ok: refused"; }
expect kind 'station { kind = "gaz", mn = "X" }' ':2: station{}: kind must be "water", "gas" or "vocs"'
expect profile 'station { kind = "gas", mn = "X", plant = { profile = "coal" } }' ':2: station{}: plant.profile: unknown profile "coal"'
expect fuel 'local st = station { kind = "gas", mn = "X" }
at("00:10", function() st.plant:set { fuel = 9 } end)' ':3: st.plant:set: fuel must be 0.2 .. 5'
expect field 'station { kind = "gas", mn = "X", analyzers = { so3 = true } }' "did you mean 'so2'?"
expect waterfield 'station { kind = "gas", mn = "X", cycle = "1h" }' "unknown field 'cycle'"
expect method 'local st = station { kind = "gas", mn = "X" }
at("00:10", function() st.probe:leek { air = 0.3 } end)' ":3: st.probe has no method 'leek' (did you mean 'leak'?)"
expect cyl 'local st = station { kind = "gas", mn = "X" }
at("00:10", function() st.cylinder("so3"):swap { actual = 1 } end)' "did you mean 'so2'?"
expect arg 'local st = station { kind = "gas", mn = "X" }
at("00:10", function() st.line:set { chiler_c = 18 } end)' "did you mean 'chiller_c'?"
expect range 'local st = station { kind = "gas", mn = "X" }
st.damper:set { bypass = 2 }' ":3: st.damper:set: bypass must be 0 .. 1"
expect water 'local st = station { kind = "gas", mn = "X" }
st.cod:command("measure")' ":3:"
expect code 'local st = station { kind = "gas", mn = "X" }
st.dau:flag("w01018", "M")' "w01018"
expect zerogas 'local st = station { kind = "gas", mn = "X" }
st.o2:zero_gas { share = 1.5 }' ":3: st.o2:zero_gas: share must be 0 .. 1"
expect zerogasfield 'local st = station { kind = "gas", mn = "X" }
st.o2:zero_gas { shar = 0.2 }' "did you mean 'share'?"
expect holdpm 'local st = station { kind = "gas", mn = "X" }
at("00:10", function() st.pm:hold_flag(true) end)' "st.pm:hold_flag"
# the fraud library's gas types: errors name the scenario's line and the closest option
expect libair 'local st = station { kind = "gas", mn = "X" }
local fraud = require "fraud"
fraud.probe_dilution(st, { air = 2 })' ":4: fraud.probe_dilution: air must be a number in 0.05..0.9"
expect libshare 'local st = station { kind = "gas", mn = "X" }
local fraud = require "fraud"
fraud.bypass_flue(st, { shar = 0.5 })' ":4: fraud.bypass_flue: unknown option 'shar' (did you mean 'share'?"
expect libvocs 'local st = station { kind = "gas", mn = "X" }
local fraud = require "fraud"
fraud.vocs_dilution(st, {})' ":4: fraud.vocs_dilution: vocs_dilution is staged at a VOCs station (this one is gas)"
expect libwater 'local st = station { mn = "X" }
local fraud = require "fraud"
fraud.o2_tamper(st, {})' ":4: fraud.o2_tamper: o2_tamper is staged at a gas station (this one is wastewater)"
expect libdamper 'local st = station { kind = "gas", mn = "X", plant = { profile = "gas_boiler" } }
local fraud = require "fraud"
fraud.bypass_flue(st, {})' ":4: fraud.bypass_flue: the stack has no bypass damper"
expect libmethod 'local st = station { kind = "gas", mn = "X" }
local fraud = require "fraud"
fraud.o2_tamper(st, { method = "zero_gaz" })' 'did you mean "zero_gas"?'
expect libcommon 'local st = station { kind = "gas", mn = "X" }
local fraud = require "fraud"
fraud.treatment_stopped(st, { level = 0.5 })' ":4: fraud.treatment_stopped:"
# check calls a gas station's DAU filters on the values its devices show
expect filter 'local st = station { kind = "gas", mn = "X" }
at("00:30", function() st.dau:filter("so2", function(v) return v * nil end) end)' 'st.dau:filter("a21026") of X'
printf '%s\n%s\n' "$head" 'station { kind = "gas", mn = "X", analyzers = { so3 = true } }' >"$tmp/zh.lua"
"$HJRANGE" check "$tmp/zh.lua" --lang zh >"$tmp/zh.out" 2>&1 && fail "zh: accepted"
grep -q "未知字段 'so3'" "$tmp/zh.out" || { cat "$tmp/zh.out"; fail "zh: no Chinese text"; }
echo "gas check: ok"

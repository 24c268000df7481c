#!/usr/bin/env bash
# `hjrange generate`: 20 scenarios of a fixed seed each pass `hjrange check` (the whole
# timeline against the models) with no error and no warning; the same seed writes the same
# bytes; a bigger count keeps the first files; bad options are usage errors (exit 2); the
# help exists in both languages.
set -uo pipefail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$HJRANGE" generate --seed 1234 --count 20 --out "$T/a" >"$T/list" 2>"$T/err" || fail "generate: $(cat "$T/err")"
[ "$(wc -l <"$T/list")" -eq 20 ] || fail "20 paths expected: $(cat "$T/list")"
n=0 bad=0
for f in "$T"/a/gen-*.lua; do
  out=$("$HJRANGE" check "$f" 2>&1); rc=$?
  n=$((n + 1))
  if [ $rc -ne 0 ] || grep -q 'warning' <<<"$out"; then
    echo "FAIL $(basename "$f"): exit $rc"; echo "$out" | head -10; bad=$((bad + 1))
  fi
done
[ $n -eq 20 ] || fail "$n files"
[ $bad -eq 0 ] || fail "$bad of $n generated scenarios do not pass check cleanly"

# narrowed sets, another seed: hard, several stations, long and short runs
"$HJRANGE" generate --seed=99 --count=8 --out="$T/b" --difficulty hard --stations 3-4 --days 1-5 \
  --types sample_cup_injection,false_flag,treatment_stopped --profiles dyeing,food >/dev/null 2>&1 \
  || fail "narrowed generate"
for f in "$T"/b/gen-*.lua; do
  out=$("$HJRANGE" check "$f" 2>&1); rc=$?
  if [ $rc -ne 0 ] || grep -q 'warning' <<<"$out"; then echo "$out" | head; fail "check $(basename "$f")"; fi
  grep -q 'Difficulty: hard' "$f" || fail "difficulty not in the header of $f"
  grep -Eq 'fraud\.(tap_water_dilution|bypass_discharge|frozen_value)' "$f" && fail "a type not asked for in $f"
done

# gas and VOCs stations (--kinds): every file passes check cleanly, is staged through the
# library only, builds only the kinds asked for; a mixed set has wastewater stations too
"$HJRANGE" generate --seed 777 --count 16 --kinds gas,vocs --out "$T/g" >/dev/null 2>&1 || fail "gas generate"
"$HJRANGE" generate --seed 778 --count 8 --kinds wastewater,gas,vocs --out "$T/m" >/dev/null 2>&1 || fail "mixed generate"
for f in "$T"/g/gen-*.lua "$T"/m/gen-*.lua; do
  out=$("$HJRANGE" check "$f" 2>&1); rc=$?
  if [ $rc -ne 0 ] || grep -q 'warning' <<<"$out"; then echo "$out" | head; fail "check $f"; fi
done
grep -qE 'kind += "(gas|vocs)"' "$T"/g/gen-*.lua || fail "no gas station in the gas set"
[ -n "$(grep -L 'kind ' "$T"/g/gen-*.lua)" ] && fail "a station of no gas kind in the gas set"
grep -q 'effluent' "$T"/g/gen-*.lua && fail "a wastewater station in the gas set"
grep -q 'effluent' "$T"/m/gen-*.lua || fail "no wastewater station in the mixed set"
grep -qE '^fraud\.(probe_dilution|o2_tamper|span_gas_tamper|heat_trace_off|calibration_flag_abuse|fake_shutdown|flow_param_tamper|bypass_flue|vocs_dilution|rto_bypass)\(' "$T"/g/gen-*.lua ||
  fail "no gas type staged in the gas set"
"$HJRANGE" generate --seed 1 --kinds wastewater --types probe_dilution --out "$T/x" >/dev/null 2>&1
[ $? -eq 2 ] || fail "a gas type with --kinds wastewater is not a usage error"

# the same seed, the same bytes; scenario i does not depend on the count
"$HJRANGE" generate --seed 1234 --count 25 --out "$T/c" >/dev/null 2>&1 || fail "generate again"
for f in "$T"/a/gen-*.lua; do cmp -s "$f" "$T/c/$(basename "$f")" || fail "$(basename "$f") differs"; done

# usage errors
for args in "--count 3" "--seed x" "--seed 1 --count 0" "--seed 1 --types tap_water" \
            "--seed 1 --days 5-2" "--seed 1 --honest 1.5" "--seed 1 --difficulty brutal" \
            "--seed 1 --stations 9" "--seed 1 --frobnicate 1" "--seed 1 --kinds flue_gas"; do
  "$HJRANGE" generate $args --out "$T/x" >/dev/null 2>"$T/err"; rc=$?
  [ $rc -eq 2 ] || fail "generate $args: exit $rc, want 2"
done
"$HJRANGE" --lang zh generate --count 3 --out "$T/x" 2>"$T/err"; grep -q '种子' "$T/err" || fail "zh message: $(cat "$T/err")"
grep -q -- '--difficulty' <<<"$("$HJRANGE" generate --help)" || fail "help"
grep -q '场景' <<<"$("$HJRANGE" --lang zh generate --help)" || fail "zh help"
grep -q -- '--generate K' <<<"$("$HJRANGE" suite --help)" || fail "suite help"
"$HJRANGE" suite --generate 2 --out "$T/s" >/dev/null 2>"$T/err"; [ $? -eq 2 ] || fail "suite --generate without --seed"
echo "generate: $n wastewater and 24 gas/VOCs/mixed scenarios pass check; deterministic; options checked"

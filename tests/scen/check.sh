#!/usr/bin/env bash
# hjrange check: exit 0 on a good scenario (warnings listed), 1 with file:line errors, 2 on
# usage errors.
set -uo pipefail
fail() { echo "FAIL: $*"; exit 1; }
C=$SCEN/check
out=$("$HJRANGE" check "$C/good.lua" 2>&1); rc=$?
[ $rc -eq 0 ] || fail "good.lua: exit $rc: $out"
grep -q 'ok: "good" 2022-02-08 00:00:00 .. 2022-02-09 00:00:00, stations 1: CHECK0001, scheduled tasks 2' <<<"$out" || fail "good.lua summary: $out"
out=$("$HJRANGE" check "$SCEN/api.lua" 2>&1) || fail "api.lua: exit $?: $out"
grep -q "stations 2: 33040001DYE0001 33040001MUN0002" <<<"$out" || fail "api.lua summary: $out"
# times after the end are warnings: the run goes on, those tasks never run
out=$("$HJRANGE" check "$C/outside.lua" 2>&1); rc=$?
[ $rc -eq 0 ] || fail "outside.lua: exit $rc"
grep -q 'hjrange: warning: .*outside.lua:4: at("+3d"): 2022-02-11 00:00:00 is after the end of the run (2022-02-09 00:00:00)' <<<"$out" || fail "at +3d: $out"
grep -q 'outside.lua:5: after("2d"): 2022-02-10 00:00:00 is after the end' <<<"$out" || fail "after 2d: $out"
grep -q 'outside.lua:6: every{from}("2022-02-10 08:00")' <<<"$out" || fail "every from: $out"
grep -q 'outside.lua: ok: .*, scheduled tasks 4, 3 warning(s)$' <<<"$out" || fail "count: $out"
! grep -q 'outside.lua:3:' <<<"$out" || fail "10:00 is inside the run: $out"
out=$("$HJRANGE" check "$C/no_scenario.lua" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q 'no_scenario.lua: no scenario{} declared' <<<"$out" || fail "no_scenario: $rc $out"
out=$("$HJRANGE" check "$C/no_station.lua" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q 'no_station.lua: no station{} declared' <<<"$out" || fail "no_station: $rc $out"
# found when time reaches them (once, with the virtual time and a traceback)
out=$("$HJRANGE" check "$C/bad_type.lua" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q '\[2022-02-08 01:00:00\] .*bad_type.lua:4: truth.begin: unknown type "tap_dilution"' <<<"$out" || fail "bad_type: $rc $out"
grep -q 'bad_type.lua: 1 error(s), 0 warning(s)' <<<"$out" || fail "bad_type: reported twice: $out"
out=$("$HJRANGE" check "$C/fraud_typo.lua" --lib "$SCEN/../../scenarios/lib" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q 'fraud_typo.lua:5: .*tap_water_dillution' <<<"$out" || fail "fraud typo: $rc $out"
grep -q 'fraud_typo.lua: 1 error(s), 0 warning(s)' <<<"$out" || fail "fraud typo: the comment or the good call reported: $out"
# the text scans still find what time never reaches (a branch not taken)
out=$("$HJRANGE" check "$C/unreached.lua" --lib "$SCEN/../../scenarios/lib" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q 'unreached.lua:5: truth.begin: unknown type "tap_dilution"' <<<"$out" &&
  grep -q "unreached.lua:6: fraud has no function 'tap_water_dillution' (did you mean 'tap_water_dilution'?)" <<<"$out" || fail "unreached: $rc $out"
out=$("$HJRANGE" check "$C/missing.lua" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q 'missing.lua' <<<"$out" || fail "missing file: $rc $out"
"$HJRANGE" check >/dev/null 2>&1; [ $? -eq 2 ] || fail "check without a file: want 2"
"$HJRANGE" check "$C/good.lua" --fast >/dev/null 2>&1; [ $? -eq 2 ] || fail "check --fast: want 2"
# usage errors of run
for args in "" "--fast --speed 2 $C/good.lua" "--seed -1 $C/good.lua" "--speed 0 $C/good.lua" \
            "--platform nope $C/good.lua" "--modbus-port 70000 $C/good.lua" "--bogus $C/good.lua" \
            "$C/good.lua $C/good.lua" "--out"; do
  "$HJRANGE" run $args >/dev/null 2>&1; rc=$?
  [ $rc -eq 2 ] || fail "run $args: exit $rc, want 2"
done
out=$("$HJRANGE" run --help) || fail "run --help"
grep -q -- "--modbus-port" <<<"$out" || fail "run --help lacks --modbus-port"
out=$("$HJRANGE" --lang zh check --help) || fail "check --help zh"
grep -q "在站房模型上" <<<"$out" || fail "check --help zh"
echo "check: ok"

#!/usr/bin/env bash
# Errors and warnings that arise inside the fraud library name the scenario's own line:
# the fraud.X call, also for the acts the library does later, the library's line kept on
# a second line. A command the analyzer refuses is a warning at the line that gave it, in
# run.log and in check's report.
set -uo pipefail
fail() { echo "FAIL: $*"; exit 1; }
C=$SCEN/check
L=(--lib "$SCEN/../../scenarios/lib")
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
export HJRANGE_LANG=en
. "$SCEN/same_error.sh"
# a fraud call without its station, inside at(): found at 10:00, at the call's line
o=$("$HJRANGE" check "$C/fraud_no_station.lua" "${L[@]}" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "fraud_no_station: exit $rc: $o"
grep -q '^hjrange: scenario error: \[2022-02-08 10:00:00\] .*fraud_no_station.lua:5: fraud.sample_cup_injection: the first argument must be the station' <<<"$o" ||
  fail "fraud_no_station: $o"
same_error "$C/fraud_no_station.lua" "${L[@]}"
# the library's own act at 10:02 fails: the fraud.X line first, the library's second
o=$("$HJRANGE" check "$C/fraud_lines.lua" "${L[@]}" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "fraud_lines: exit $rc: $o"
grep -q '^hjrange: scenario error: \[2022-02-08 10:02:00\] .*fraud_lines.lua:5: st.cod:add_to_cup: unknown field .bod.' <<<"$o" ||
  fail "fraud_lines: the act's error: $o"
grep -A1 'fraud_lines.lua:5: st.cod:add_to_cup' <<<"$o" | grep -q '^	(inside lib/fraud.lua:[0-9]*)$' ||
  fail "fraud_lines: the library's line: $o"
grep -q '^hjrange: warning: .*fraud_lines.lua:7: at(".*"): 2022-02-11 00:00:00 is after the end of the run .* (inside lib/fraud.lua:[0-9]*)$' <<<"$o" ||
  fail "fraud_lines: the warning of a library's task: $o"
! grep -q '^hjrange: [^\n]*lib/fraud.lua:[0-9]*: ' <<<"$o" || fail "fraud_lines: a message starts at the library: $o"
same_error "$C/fraud_lines.lua" "${L[@]}"
# refused commands: warnings at the line that gave them, in check and in run.log
o=$("$HJRANGE" check "$C/busy.lua" 2>&1); rc=$?
[ $rc -eq 0 ] || fail "busy: exit $rc: $o"
grep -q '^hjrange: warning: \[2022-02-08 10:05:00\] .*busy.lua:4: st.cod:command("calibrate") refused: the cod analyzer is busy' <<<"$o" || fail "busy: $o"
grep -q '^hjrange: warning: \[2022-02-08 10:26:00\] .*busy.lua:5: st.cod:command("calibrate") refused, also after waiting 20m: ' <<<"$o" || fail "busy wait: $o"
grep -q 'busy.lua: ok: .*, 3 warning(s)$' <<<"$o" || fail "busy summary: $o"
"$HJRANGE" run "$C/busy.lua" --fast --no-detect --out "$out/b" >/dev/null 2>&1 || fail "busy: run failed"
grep -q '^\[2022-02-08 10:05:00\] warning: .*busy.lua:4: st.cod:command("calibrate") refused: the cod analyzer is busy' "$out/b/run.log" ||
  fail "busy: run.log: $(cat "$out/b/run.log")"
grep -q '^\[2022-02-08 10:30:00\] wait: true$' "$out/b/run.log" || fail "busy: wait 2h: $(cat "$out/b/run.log")"
echo "libline: ok"

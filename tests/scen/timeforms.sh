#!/usr/bin/env bash
# Bad times and durations list the accepted forms in every function that takes one
# (check/bad_times.lua asserts it call by call, in the top level and in a task), and
# records.work_order's filed is accepted, checked as a time and written after who.
set -uo pipefail
fail() { echo "FAIL: $*"; exit 1; }
C=$SCEN/check
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
export HJRANGE_LANG=en
o=$("$HJRANGE" check "$C/bad_times.lua" --lib "$SCEN/../../scenarios/lib" 2>&1) || fail "bad_times: $o"
grep -q 'bad_times.lua: ok: ' <<<"$o" || fail "bad_times: $o"
"$HJRANGE" run "$C/bad_times.lua" --lib "$SCEN/../../scenarios/lib" --fast --no-detect --out "$out/r" >/dev/null 2>&1 || fail "bad_times run"
grep -q 'all 23 bad times list the forms' "$out/r/run.log" || fail "run.log: $(cat "$out/r/run.log")"
want='{"kind":"work_order","mn":"CHECK0001","task":"calibration","start":"2022-02-08T10:00:00+08:00","end":"2022-02-08T11:00:00+08:00","who":"O&M","filed":"2022-02-08T09:40:00+08:00"}
{"kind":"work_order","mn":"CHECK0001","task":"maintenance","start":"2022-02-08T12:00:00+08:00","end":"2022-02-08T13:00:00+08:00","who":"O&M","filed":"2022-02-08T15:00:00+08:00"}'
[ "$(cat "$out/r/records.jsonl")" = "$want" ] || fail "records.jsonl: $(cat "$out/r/records.jsonl")"
echo "timeforms: ok"

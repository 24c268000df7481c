#!/usr/bin/env bash
# hjrange check runs the whole timeline against the stations as models (no wire): an error
# in a task or a DAU filter is found with its virtual time and file:line, the same text
# `hjrange run` stops with; check goes on and lists every problem, repeats counted.
set -uo pipefail
fail() { echo "FAIL: $*"; exit 1; }
C=$SCEN/check
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
export HJRANGE_LANG=en
. "$SCEN/same_error.sh"
out_check=$("$HJRANGE" check "$C/task_error.lua" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "task_error: exit $rc: $out_check"
grep -q '^hjrange: scenario error: \[2022-02-08 10:00:00\] .*task_error.lua:3: ' <<<"$out_check" || fail "the typo in at(): $out_check"
grep -q '^hjrange: scenario error: \[2022-02-08 06:00:00\] .*task_error.lua:4: attempt to index a nil value (local .pipe.) (4 times, the last at 2022-02-09 00:00:00)$' <<<"$out_check" ||
  fail "the every() error counted: $out_check"
grep -q 'task_error.lua: 2 error(s), 0 warning(s)' <<<"$out_check" || fail "summary: $out_check"
same_error "$C/task_error.lua"
# errors in DAU filters: check calls them once a minute with the device's value
same_error "$SCEN/hostile/filter_error.lua"
same_error "$SCEN/hostile/runtime_error.lua"
# a week goes by in well under the 60 s of this test's timeout (the models only)
"$HJRANGE" check "$SCEN/../../scenarios/honest_om_week.lua" >/dev/null 2>&1 || fail "honest_om_week"
echo "timeline: ok"

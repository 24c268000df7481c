#!/usr/bin/env bash
# A misspelt name gets "did you mean": fraud functions and options, the fields and methods
# of the station objects, the fields of the API's tables (edit distance over the names).
set -uo pipefail
fail() { echo "FAIL: $*"; exit 1; }
C=$SCEN/check
L=(--lib "$SCEN/../../scenarios/lib")
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
export HJRANGE_LANG=en
. "$SCEN/same_error.sh"
o=$("$HJRANGE" check "$C/typos.lua" "${L[@]}" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "typos: exit $rc: $o"
want() { grep -qF -- "$1" <<<"$o" || fail "typos: no '$1' in: $o"; }
want "] $C/typos.lua:4: fraud has no function 'sample_cup_injectoin' (did you mean 'sample_cup_injection'?)"
want "] $C/typos.lua:5: st has no field 'cdo' (did you mean 'cod'?)"
want "] $C/typos.lua:6: st.cod has no method 'comand' (did you mean 'command'?)"
want "] $C/typos.lua:7: st.channel:add_inflow: unknown field 'm3' (did you mean 'm3h'? known: source, m3h, hidden, quality)"
want "] $C/typos.lua:8: fraud.tap_water_dilution: unknown option 'duraton' (did you mean 'duration'?"
grep -q 'typos.lua: 5 error(s), 0 warning(s)' <<<"$o" || fail "typos: count: $o"
same_error "$C/typos.lua" "${L[@]}"
o=$("$HJRANGE" check "$C/typo_top.lua" 2>&1); rc=$?
[ $rc -eq 1 ] && grep -qF "typo_top.lua:1: scenario{}: unknown field 'durtion' (did you mean 'duration'? known: name, start, duration, seed)" <<<"$o" ||
  fail "typo_top: $rc $o"
echo "didyoumean: ok"

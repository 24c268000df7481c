#!/usr/bin/env bash
# Every bundled scenario (scenarios/, variations/, holdout/) passes `hjrange check` — its
# whole timeline against the models — without an error (warnings are allowed and listed).
set -uo pipefail
S=$SCEN/../../scenarios
n=0 bad=0
for f in "$S"/*.lua "$S"/variations/*.lua "$S"/holdout/*.lua; do
  out=$("$HJRANGE" check "$f" 2>&1); rc=$?
  n=$((n + 1))
  if [ $rc -ne 0 ]; then echo "FAIL $f: exit $rc"; echo "$out" | head -20; bad=$((bad + 1)); fi
  grep '^hjrange: warning: ' <<<"$out" | sed "s|^|$(basename "$f"): |"
done
[ $bad -eq 0 ] || { echo "FAIL: $bad of $n scenarios do not pass check"; exit 1; }
echo "bundled: $n scenarios pass check"

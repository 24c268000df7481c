#!/usr/bin/env bash
# The honest gas and VOCs scenarios of scenarios/gas/ (honest_*.lua): each runs with `hjrange run --fast`,
# has no truth events, makes the detector raise no alert at any level (the gas rules know
# their confounders and a gas station is never read as water), sends only ST=31 records, and every packet
# passes tests/tools/hj212check.py and `hjrange hj212 decode`; a run again at another pace
# sends the same bytes.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
n=0
for f in "$SCENARIOS"/gas/honest_*.lua; do
  name=$(basename "$f" .lua)
  out="$tmp/$name"
  "$HJRANGE" run "$f" --fast --out "$out" >"$tmp/$name.txt" 2>&1 || { cat "$tmp/$name.txt"; fail "$name: run"; }
  [ -s "$out/alerts.jsonl" ] && fail "$name: alerts: $(head -c 400 "$out/alerts.jsonl")"
  python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["events"]; sys.exit(1 if e else 0)' \
    "$out/truth.json" || fail "$name: truth events in an honest scenario"
  grep -q ';ST=31;' "$out/hj212.log" || fail "$name: no ST=31 record"
  # a gas station's DAU sends ST=31 only (the mixed park has a water station beside them)
  python3 - "$f" "$out/hj212.log" <<'PY' || fail "$name: a gas station sent another ST"
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
gas = set(re.findall(r'kind\s*=\s*"(?:gas|vocs)"[^}]*?mn\s*=\s*"([^"]+)"', src, re.S))
assert gas, "no gas station found in " + sys.argv[1]
for line in open(sys.argv[2], encoding="utf-8"):
    m = re.search(r";ST=(\d+);.*?;MN=([^;]+);", line)
    if m and m.group(2) in gas and m.group(1) != "31":
        sys.exit(1)
PY
  python3 "$TOOLS/hj212check.py" "$out/hj212.log" >"$tmp/$name.check" || { tail -5 "$tmp/$name.check"; fail "$name: hj212check"; }
  "$HJRANGE" hj212 decode <"$out/hj212.log" >/dev/null 2>"$tmp/$name.dec" || { tail -3 "$tmp/$name.dec"; fail "$name: hj212 decode"; }
  for cn in 2011 2051 2061 2031 3020; do
    grep -q ";CN=$cn;" "$out/hj212.log" || fail "$name: no CN=$cn"
  done
  if [ "$name" = honest_gas_boiler ]; then # stopped at night: F, and no average of it
    grep -qE 'CN=2011;.*DataTime=20241203030000;.*a21026-Flag=F' "$out/hj212.log" ||
      fail "$name: no F while the boiler is stopped"
    grep -qE 'CN=2061;.*DataTime=20241203030000;.*a21026-Flag=F' "$out/hj212.log" ||
      fail "$name: a stopped hour not flagged F"
    grep -qE 'CN=2061;.*DataTime=20241203030000;.*a21026-Avg' "$out/hj212.log" &&
      fail "$name: a stopped hour averaged"
  fi
  n=$((n + 1))
done
[ "$n" -ge 7 ] || fail "only $n gas scenarios"
# the same scenario and seed: the same packets, whatever the pace (DESIGN.md)
"$HJRANGE" run "$SCENARIOS/gas/honest_mixed_park.lua" --speed 100000 --out "$tmp/again" >/dev/null 2>&1 ||
  fail "mixed park again"
cmp -s "$tmp/honest_mixed_park/hj212.log" "$tmp/again/hj212.log" || fail "mixed park: hj212.log differs"
cmp -s "$tmp/honest_mixed_park/truth.json" "$tmp/again/truth.json" || fail "mixed park: truth.json differs"
echo "gas scenarios: $n quiet and well-formed"

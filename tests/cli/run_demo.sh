#!/usr/bin/env bash
# The main job end to end: hjrange run scenarios/demo.lua --fast; what the DAU sent decodes
# clean with our codec (no leniency needed) and passes the independent checker strictly;
# the platform stored every record; the outputs are in their contract formats.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
"$HJRANGE" run "$SCENARIOS/demo.lua" --fast --out "$tmp/out" >"$tmp/run.txt" 2>&1 || fail "run: $(cat "$tmp/run.txt")"
for f in truth.json alerts.jsonl hj212.log series.csv records.jsonl report.json; do
  [ -f "$tmp/out/$f" ] || fail "no $f"
done
n=$(wc -l <"$tmp/out/hj212.log")
[ "$n" -gt 1000 ] || fail "only $n packets in a day"
"$HJRANGE" hj212 decode <"$tmp/out/hj212.log" >"$tmp/dec.jsonl" 2>/dev/null || fail "our decoder refused a DAU packet"
grep -q '"warnings"' "$tmp/dec.jsonl" && fail "DAU packets needed leniency: $(grep -m1 '"warnings"' "$tmp/dec.jsonl")"
$PY "$TOOLS/hj212check.py" --strict "$tmp/out/hj212.log" >"$tmp/chk.txt" || fail "independent checker: $(tail -3 "$tmp/chk.txt")"
stored=$("$HJRANGE" db dump --db "$tmp/out/platform.db" --cn 2061 | tail -n +2 | cut -d, -f3 | sort -u | wc -l)
[ "$stored" -eq 24 ] || fail "platform stored $stored hourly records, want 24"
$PY - "$tmp/out" <<'PYEOF' || fail "truth.json format"
import json, sys, re
t = json.load(open(sys.argv[1] + "/truth.json"))
iso = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$")
assert t["seed"] == 7 and iso.match(t["start"]) and iso.match(t["end"]), t
assert [e["type"] for e in t["events"]] == ["sample_cup_injection", "camera_tampering"], t["events"]
for e in t["events"]:
    assert e["mn"] == "33040001DYE0001" and iso.match(e["start"]) and iso.match(e["end"]), e
PYEOF
echo "1 passed, 0 failed"

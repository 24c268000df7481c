#!/usr/bin/env bash
# The O&M records feed reaches the in-process platform while the run goes on, and the
# platform's registry (stations.json) carries each station's limits from station{}.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$HJRANGE" run "$SCEN/records.lua" --fast --out "$tmp/o" >"$tmp/log" 2>&1 || fail "run: $(cat "$tmp/log")"
wo=$(grep -c '"work_order"' "$tmp/o/records.jsonl")
lab=$(grep -c '"lab"' "$tmp/o/records.jsonl")
[ "$wo" -ge 1 ] && [ "$lab" -ge 1 ] || fail "scenario wrote $wo work orders, $lab lab results"
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
$PY - "$tmp/o" "$wo" "$lab" <<'PYEOF' || fail "platform store"
import json, sqlite3, sys
out, wo, lab = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
db = sqlite3.connect(out + "/platform.db")
n_wo = db.execute("SELECT count(*) FROM work_orders").fetchone()[0]
n_lab = db.execute("SELECT count(*) FROM lab_results").fetchone()[0]
assert (n_wo, n_lab) == (wo, lab), ("stored", n_wo, n_lab, "written", wo, lab)
reg = {s["mn"]: s for s in json.load(open(out + "/stations.json"))}
assert "REC0001" in reg and reg["REC0001"]["limits"]["w01018"] > 0, reg
PYEOF
echo "1 passed, 0 failed"

#!/usr/bin/env bash
# The JSON Schemas of docs/schemas/ against real outputs: hjrange run --fast of two bundled
# scenarios (demo: alerts; fraud_standard_solution_tamper: work orders and lab results) —
# truth.json, every alerts.jsonl line, every records.jsonl line; the registry of a bundled
# scenario; hand-made bad lines that must fail. The validator is tests/tools/
# jsonschema_lite.py (standard library; it cross-checks with the jsonschema package when
# that is installed).
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
V="$PY $TOOLS/jsonschema_lite.py"
S="$SCHEMAS"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

for f in truth alert record stations; do
    $PY -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["$schema"].endswith("2020-12/schema")' \
        "$S/$f.schema.json" || fail "$f.schema.json is not a draft 2020-12 schema"
done

# the fraud types of the schemas are the catalogue's (hjrange list)
"$HJRANGE" list --json >"$tmp/list.json"
$PY - "$tmp/list.json" "$S" <<'PYEOF' || fail "schema enums differ from the catalogue"
import json, sys
types = [t["type"] for t in json.load(open(sys.argv[1]))["fraud_types"]]
for f in ("truth", "alert"):
    s = json.load(open(sys.argv[2] + "/" + f + ".schema.json"))
    assert s["$defs"]["fraud_type"]["enum"] == types, (f, s["$defs"]["fraud_type"]["enum"])
PYEOF

# real outputs
n_alerts=0; n_records=0
for scen in demo fraud_standard_solution_tamper; do
    out="$tmp/$scen"
    "$HJRANGE" run "$SCENARIOS/$scen.lua" --fast --out "$out" >"$tmp/run.txt" 2>&1 || fail "run $scen: $(tail -5 "$tmp/run.txt")"
    $V "$S/truth.schema.json" "$out/truth.json" >/dev/null || fail "$scen truth.json"
    $V --lines "$S/alert.schema.json" "$out/alerts.jsonl" >/dev/null || fail "$scen alerts.jsonl"
    $V --lines "$S/record.schema.json" "$out/records.jsonl" >/dev/null || fail "$scen records.jsonl"
    n_alerts=$((n_alerts + $(grep -c . "$out/alerts.jsonl" || true)))
    n_records=$((n_records + $(grep -c . "$out/records.jsonl" || true)))
done
[ "$n_alerts" -ge 2 ] || fail "only $n_alerts alert lines were checked"
grep -q '"kind":"work_order"' "$tmp/fraud_standard_solution_tamper/records.jsonl" || fail "no work order checked"
grep -q '"kind":"lab"' "$tmp/fraud_standard_solution_tamper/records.jsonl" || fail "no lab result checked"
"$HJRANGE" registry "$SCENARIOS/park.lua" --out "$tmp/stations.json" 2>/dev/null || fail "registry"
$V "$S/stations.schema.json" "$tmp/stations.json" >/dev/null || fail "stations.json"
# a trainee's findings share the alerts schema (their hand-made example in the scorer's tests)
$V --lines "$S/alert.schema.json" "$DATA/../score/data/teamb.jsonl" >/dev/null || fail "score test alerts"
$V "$S/truth.schema.json" "$DATA/../score/data/truth.json" >/dev/null || fail "score test truth"

# bad documents: each one must fail on its own
T='"time":"2022-02-08T10:05:00+08:00"'
bad_alerts=(
  '{"id":"a1","mn":"S1",'"$T"',"level":"orange","type":"dau_tamper"}'
  '{"id":"a1","mn":"S1","time":"2022-02-08 10:05:00","level":"red","type":"dau_tamper"}'
  '{"id":"a1","mn":"S1","time":"2022-02-08T10:05:00","level":"red","type":"dau_tamper"}'
  '{"id":"a1",'"$T"',"level":"red","type":"dau_tamper"}'
  '{"id":"a1","mn":"S1",'"$T"',"level":"red","type":"coffee_break"}'
  '{"id":true,"mn":"S1",'"$T"',"level":"red","type":"unknown"}'
  '{"id":"a1","mn":"S1",'"$T"',"level":"red","type":"unknown","evidence":"door open"}'
  '{"id":"a1","mn":"S1",'"$T"',"level":"red"}'
  '{"id":"a1","mn":"S1",'"$T"',"level":"red","type":"unknown","start":"yesterday"}'
  '["id","a1"]'
)
bad_records=(
  '{"kind":"memo","mn":"S1","text":"hello"}'
  '{"kind":"lab","mn":"S1","param":"w01018",'"$T"',"value":"high"}'
  '{"kind":"lab","mn":"S1","param":"cod",'"$T"',"value":182}'
  '{"kind":"work_order","mn":"S1","task":"calibration","start":"2022-02-08T09:00:00+08:00","end":"2022-02-08T10:00:00+08:00"}'
  '{"kind":"work_order","mn":"S1","task":"calibration",'"$T"',"value":3}'
  '{"kind":"lab","param":"w01018",'"$T"',"value":1}'
)
bad_truths=(
  '{"scenario":"x","seed":1,"start":"2022-02-08T00:00:00+08:00","end":"2022-02-09T00:00:00+08:00","stations":[],"events":[]}'
  '{"scenario":"x","seed":-1,"start":"2022-02-08T00:00:00+08:00","end":"2022-02-09T00:00:00+08:00","stations":[{"mn":"S1","name":""}],"events":[]}'
  '{"scenario":"x","seed":1,"start":"2022-02-08T00:00:00+08:00","end":"2022-02-09T00:00:00+08:00","stations":[{"mn":"S1","name":""}]}'
  '{"scenario":"x","seed":1,"start":"2022-02-08T00:00:00+08:00","end":"2022-02-09T00:00:00+08:00","stations":[{"mn":"S1","name":""}],"events":[{"id":1,"type":"unknown","mn":"S1","start":"2022-02-08T01:00:00+08:00","end":"2022-02-08T02:00:00+08:00","note":""}]}'
  '{"scenario":"x","seed":1,"start":"2022-02-08T00:00:00+08:00","end":"2022-02-09T00:00:00+08:00","stations":[{"mn":"S 1","name":""}],"events":[]}'
)
check_bad() { # schema, then documents
    local schema=$1; shift
    local k=0
    for doc in "$@"; do
        k=$((k + 1))
        printf '%s\n' "$doc" >"$tmp/bad.jsonl"
        if $V --lines "$schema" "$tmp/bad.jsonl" >/dev/null 2>"$tmp/why"; then
            fail "$(basename "$schema"): bad document $k accepted: $doc"
        fi
        grep -q "bad.jsonl:1: " "$tmp/why" || fail "$(basename "$schema"): no reason for bad document $k: $(cat "$tmp/why")"
    done
}
check_bad "$S/alert.schema.json" "${bad_alerts[@]}"
check_bad "$S/record.schema.json" "${bad_records[@]}"
check_bad "$S/truth.schema.json" "${bad_truths[@]}"
printf '[{"mn":"S1","pw":"1234567","protocol":2017}]\n' >"$tmp/bad.json"
$V "$S/stations.schema.json" "$tmp/bad.json" >/dev/null 2>&1 && fail "stations: a 7-character pw accepted"

# the validator refuses keywords it does not implement instead of ignoring them
printf '{"type":"object","propertyNames":{"maxLength":1}}\n' >"$tmp/odd.schema.json"
printf '{}\n' >"$tmp/doc.json"
set +e
$V "$tmp/odd.schema.json" "$tmp/doc.json" >/dev/null 2>&1; rc=$?
set -e
[ $rc -eq 2 ] || fail "unsupported keyword: exit $rc, want 2"
echo "1 passed, 0 failed"

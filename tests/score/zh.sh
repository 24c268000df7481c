#!/usr/bin/env bash
# hjrange --lang zh score: the text report names the fraud types, levels and "unknown" in
# Chinese (the names of the catalogue, as hjrange list shows them); English reports, --json
# and --junit keep the type keys of the files (a contract).
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
T="$DATA/truth.json"
A="$DATA/teamb.jsonl" # types sample_cup_injection (event), dau_tamper, frozen_value, unknown
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$HJRANGE" list --json >"$tmp/list.json"
zh_name() { $PY -c 'import json,sys; print([t["name_zh"] for t in json.load(open(sys.argv[1]))["fraud_types"] if t["type"]==sys.argv[2]][0])' "$tmp/list.json" "$1"; }

"$HJRANGE" --lang zh score "$T" "$A" >"$tmp/zh.txt" || fail "zh exit"
for t in sample_cup_injection dau_tamper frozen_value; do
    n=$(zh_name $t)
    [ -n "$n" ] || fail "no Chinese name for $t"
    grep -qF "$n" "$tmp/zh.txt" || fail "zh report lacks $n ($t)"
done
grep -qE "^  7 +样品杯注水 +S1 " "$tmp/zh.txt" || fail "zh event row: $(grep -A2 '^事件' "$tmp/zh.txt")"
grep -qE "^  u1 +X9 .* 红色 +篡改数采仪 \(未知站点\)$" "$tmp/zh.txt" || fail "zh false-alarm row"
grep -qE "^  f3 +S1 .* 黄色 +未知类型$" "$tmp/zh.txt" || fail "zh unknown type"
if grep -nE "sample_cup_injection|dau_tamper|frozen_value|unknown|yellow|red\b" "$tmp/zh.txt"; then
    fail "English keys left in the zh report"
fi

# a Chinese leaderboard names them too (each team's report follows the table)
"$HJRANGE" --lang zh score "$T" "$A" "$DATA/perfect.jsonl" >"$tmp/lb.txt" || fail "zh leaderboard"
grep -qF "$(zh_name sample_cup_injection)" "$tmp/lb.txt" || fail "zh leaderboard lacks the type names"
grep -q "sample_cup_injection" "$tmp/lb.txt" && fail "zh leaderboard shows a key"

# English keeps the keys; JSON and JUnit keep them in every language
"$HJRANGE" --lang en score "$T" "$A" >"$tmp/en.txt" || fail "en exit"
grep -qE "^  7 +sample_cup_injection +S1 " "$tmp/en.txt" || fail "en event row"
grep -qE "^  u1 +X9 .* red +dau_tamper \(unknown station\)$" "$tmp/en.txt" || fail "en false-alarm row"
"$HJRANGE" --lang zh score "$T" "$A" --json >"$tmp/zh.json" || fail "zh json"
"$HJRANGE" --lang en score "$T" "$A" --json >"$tmp/en.json" || fail "en json"
cmp -s "$tmp/zh.json" "$tmp/en.json" || fail "--json depends on the language"
grep -qF '"type":	"sample_cup_injection"' "$tmp/zh.json" || fail "zh json lacks the key"
grep -qF '"level":	"red"' "$tmp/zh.json" || fail "zh json level"
"$HJRANGE" --lang zh score "$T" "$A" --junit >"$tmp/zh.xml" || fail "zh junit"
"$HJRANGE" --lang en score "$T" "$A" --junit >"$tmp/en.xml" || fail "en junit"
cmp -s "$tmp/zh.xml" "$tmp/en.xml" || fail "--junit depends on the language"
grep -qF 'name="event 7 sample_cup_injection S1"' "$tmp/zh.xml" || fail "zh junit lacks the key"
echo "1 passed, 0 failed"

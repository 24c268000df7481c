#!/usr/bin/env bash
# hjrange score on the files of tests/score/data (case B of test_score.c, computed by
# hand there): text, JSON, JUnit, leaderboard, --grace, --lang zh, and bad input.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
T="$DATA/truth.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# text
out=$("$HJRANGE" score "$T" "$DATA/teamb.jsonl") || fail "text exit $?"
grep -q "recall  *1.000" <<<"$out" || fail "text recall"
grep -q "false alarms  *4" <<<"$out" || fail "text false alarms"
grep -q "red false alarms  *2" <<<"$out" || fail "text red false alarms"
grep -q "alerts for unknown stations  *2 (X9)" <<<"$out" || fail "text unknown stations"
grep -q "33.50 (TP 1, FP 4, FN 0)" <<<"$out" || fail "text NAB"
grep -q "0.250 (S_TTD 0.000" <<<"$out" || fail "text BATADAL"

# JSON: the keys of the contract, with the numbers of case B
out=$("$HJRANGE" score "$T" "$DATA/teamb.jsonl" --json) || fail "json exit"
for kv in '"events":	1' '"detected":	1' '"recall":	1' '"type_accuracy":	0' \
          '"false_alarms":	4' '"red_false_alarms":	2' '"false_alarms_per_station_day":	1' \
          '"median_ttd_minutes":	180' '"batadal_s":	0.249825' '"nab_score":	33.498821' \
          '"team":	"teamb"' '"per_event":' '"alert_ids":	["b1"]'; do
    grep -qF "$kv" <<<"$out" || fail "json lacks $kv"
done
if command -v /usr/bin/python3 >/dev/null; then
    /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["per_event"][0]["id"]==7' <<<"$out" \
        || fail "json does not parse"
fi

# --grace 0: b1 (at end + 2 h) no longer detects
out=$("$HJRANGE" score "$T" "$DATA/teamb.jsonl" --json --grace 0) || fail "grace exit"
grep -qF '"detected":	0' <<<"$out" || fail "--grace 0 still detects"
grep -qF '"false_alarms":	5' <<<"$out" || fail "--grace 0 false alarms"

# JUnit: 1 event (wrong type) + 4 false alarms
out=$("$HJRANGE" score "$T" "$DATA/teamb.jsonl" --junit) || fail "junit exit"
grep -q '<testsuites name="hjrange score" tests="5" failures="5">' <<<"$out" || fail "junit counts"
grep -q 'type="wrong_type"' <<<"$out" || fail "junit wrong type"
out=$("$HJRANGE" score "$T" "$DATA/empty.jsonl" --junit) || fail "junit empty"
grep -q 'type="undetected"' <<<"$out" || fail "junit undetected"

# leaderboard: perfect (NAB 100), teamb (33.50), empty (0); stdin as a team
out=$("$HJRANGE" score "$T" "$DATA/empty.jsonl" "$DATA/teamb.jsonl" "$DATA/perfect.jsonl") \
    || fail "leaderboard exit"
grep -qE "^  1 +perfect +100.00" <<<"$out" || fail "leaderboard 1st"
grep -qE "^  2 +teamb +33.50" <<<"$out" || fail "leaderboard 2nd"
grep -qE "^  3 +empty +0.00" <<<"$out" || fail "leaderboard 3rd"
out=$("$HJRANGE" score "$T" "$DATA/teamb.jsonl" - --json <"$DATA/perfect.jsonl") || fail "lb json"
/usr/bin/python3 -c '
import json,sys
d=json.load(sys.stdin)
lb=d["leaderboard"]
assert [x["team"] for x in lb]==["stdin","teamb"], lb
assert [x["rank"] for x in lb]==[1,2]
' <<<"$out" || fail "leaderboard JSON"

# Chinese
out=$("$HJRANGE" --lang zh score "$T" "$DATA/teamb.jsonl") || fail "zh exit"
grep -q "误报数" <<<"$out" || fail "zh text"

# bad input: exit 2, the file and the line named, every bad line listed
set +e
"$HJRANGE" score "$T" "$DATA/bad.jsonl" >"$tmp/out" 2>"$tmp/err"; rc=$?
set -e
[ $rc -eq 2 ] || fail "bad alerts exit $rc, want 2"
grep -q "bad.jsonl:2: malformed JSON" "$tmp/err" || fail "bad line 2 not named"
grep -q "bad.jsonl:4: alert: \"time\"" "$tmp/err" || fail "bad line 4 not named"
[ ! -s "$tmp/out" ] || fail "scores printed despite bad input"
for t in bad-truth.json missing-field-truth.json no-such-file.json; do
    set +e
    "$HJRANGE" score "$DATA/$t" "$DATA/teamb.jsonl" >/dev/null 2>"$tmp/err"; rc=$?
    set -e
    [ $rc -eq 2 ] || fail "$t exit $rc, want 2"
    grep -q "$t" "$tmp/err" || fail "$t error does not name the file"
done
grep -q . "$DATA/empty.jsonl" && fail "empty.jsonl is not empty"
set +e
"$HJRANGE" score "$T" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "missing alerts exit $rc"
"$HJRANGE" score "$T" "$DATA/teamb.jsonl" --json --junit >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "--json --junit exit $rc"
"$HJRANGE" score "$T" "$DATA/teamb.jsonl" --grace soon >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "bad --grace exit $rc"
"$HJRANGE" score "$T" "$DATA/teamb.jsonl" --bogus >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "unknown option exit $rc"
set -e
out=$("$HJRANGE" score --help) || fail "--help"
grep -q -- "--grace" <<<"$out" || fail "--help lacks --grace"
echo "1 passed, 0 failed"

#!/usr/bin/env bash
# hjrange suite on tests/suite/scen (3 scenarios of 12 h, about a second each with --fast):
# table, JSON, JUnit (well-formed, one testsuite per scenario), report.png of every run, a
# failing scenario, usage errors, and the vendor workflow (--platform to a second
# `hjrange detect`, --alerts-from FILE and tcp:) with hand-made alerts whose score is known.
# HJ_HEADLESS=1 (a build without the view): report.html alone, which says why, and
# `hjrange report` exits 3.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
PY=/usr/bin/python3
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

# --- the suite with the built-in detector
set +e
"$HJRANGE" suite "$SCEN" --jobs 2 --out "$tmp/o1" --json "$tmp/o1.json" --junit "$tmp/o1.xml" >"$tmp/o1.txt" 2>"$tmp/o1.err"
rc=$?
set -e
[ $rc -eq 0 ] || { cat "$tmp/o1.txt" "$tmp/o1.err"; fail "suite exit $rc"; }
for n in a_honest b_dilution c_dau_filter; do
    grep -q "^$n " "$tmp/o1.txt" || fail "table lacks $n"
    [ -s "$tmp/o1/$n/truth.json" ] || fail "$n: no truth.json"
    if [ "${HJ_HEADLESS:-0}" = 1 ]; then
        grep -q 'report.png is not drawn: this hjrange is built without the view' \
            "$tmp/o1/$n/report.html" || fail "$n: report.html"
        [ ! -e "$tmp/o1/$n/report.png" ] || fail "$n: a report.png without the view"
        continue
    fi
    grep -q 'src="report.png"' "$tmp/o1/$n/report.html" || fail "$n: report.html"
    # PNG signature, width 1600, height 118 + 30 + panels x 200 + 24 (4 panels here)
    $PY - "$tmp/o1/$n/report.png" <<'PYEOF' || fail "$n: report.png"
import struct, sys
b = open(sys.argv[1], 'rb').read(32)
assert b[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
w, h = struct.unpack('>II', b[16:24])
assert (w, h) == (1600, 118 + 30 + 4 * 200 + 12 + 12), (w, h)
PYEOF
done
grep -q "^TOTAL  *2 " "$tmp/o1.txt" || fail "totals row: 2 events"
grep -q "3 / 0" "$tmp/o1.txt" || fail "summary line"
$PY - "$tmp/o1.json" "$tmp/o1.xml" <<'PYEOF' || fail "json/junit"
import json, sys, xml.etree.ElementTree as ET
d = json.load(open(sys.argv[1]))
assert [s['name'] for s in d['scenarios']] == ['a_honest', 'b_dilution', 'c_dau_filter']
assert all(s['status'] == 'ok' and s['exit_code'] == 0 for s in d['scenarios'])
assert d['scenarios'][1]['score']['events'] == 1
t = d['totals']
assert t['scenarios'] == 3 and t['scored'] == 3 and t['events'] == 2, t
assert abs(t['station_days'] - 1.5) < 1e-9, t
r = ET.parse(sys.argv[2]).getroot()
assert r.tag == 'testsuites'
suites = r.findall('testsuite')
assert [s.get('name') for s in suites] == ['a_honest', 'b_dilution', 'c_dau_filter']
names = [c.get('name') for c in suites[1].findall('testcase')]
assert names[0] == 'event 1 tap_water_dilution 99000001SUI0002' and names[-1] == 'run', names
assert int(r.get('tests')) == sum(int(s.get('tests')) for s in suites)
PYEOF

# --- a scenario that fails: exit 1, a failed testcase with its stderr, the others scored
mkdir -p "$tmp/mixed"
cp "$SCEN/a_honest.lua" "$tmp/mixed/"
printf 'scenario { name = "broken", start = "2022-02-08 00:00", duration = "1h" }\nerror("staged failure")\n' >"$tmp/mixed/broken.lua"
mkdir -p "$tmp/mixed/lib" && echo 'return {}' >"$tmp/mixed/lib/not_a_scenario.lua"
set +e
"$HJRANGE" suite "$tmp/mixed" --out "$tmp/o2" --junit "$tmp/o2.xml" >"$tmp/o2.txt" 2>&1
rc=$?
set -e
[ $rc -eq 1 ] || fail "failing scenario: exit $rc, expected 1"
grep -q "^broken .*FAILED" "$tmp/o2.txt" || fail "table: broken not FAILED"
grep -q "not_a_scenario" "$tmp/o2.txt" && fail "lib/ was run"
$PY - "$tmp/o2.xml" <<'PYEOF' || fail "junit of a failed run"
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
s = {x.get('name'): x for x in r.findall('testsuite')}
assert set(s) == {'a_honest', 'broken'}, s
f = s['broken'].find('testcase/failure')
assert f is not None and f.get('type') == 'run_failed', f
assert 'exit status 1' in f.get('message'), f.get('message')
assert 'staged failure' in (f.text or ''), f.text
PYEOF

# --- usage errors
for args in "" "$tmp/nonexistent" "$SCEN --jobs 0" "$SCEN --bogus" "$SCEN --alerts-from x.jsonl" \
            "$SCEN --platform nohost"; do
    set +e
    "$HJRANGE" suite $args --out "$tmp/o3" >/dev/null 2>&1
    rc=$?
    set -e
    [ $rc -eq 2 ] || fail "usage '$args': exit $rc, expected 2"
done

# --- vendor workflow: HJ 212 to a platform of the vendor (here a second hjrange detect),
# the vendor's alerts from a file. Hand-made alerts: b detected at 04:00 (right type),
# c at 07:00 (wrong type), a false alarm on a's station, one for a station of no scenario.
port=$((20000 + RANDOM % 20000))
"$HJRANGE" detect --listen 127.0.0.1:$port --db "$tmp/vendor.db" --alerts "$tmp/vendor-own.jsonl" --sync normal --quiet >"$tmp/detect.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break
    sleep 0.1
done
cat >"$tmp/vendor.jsonl" <<'JEOF'
{"id": "v1", "mn": "99000001SUI0002", "time": "2022-02-08T04:00:00+08:00", "level": "red", "type": "tap_water_dilution"}
{"id": "v2", "mn": "99000001SUI0003", "time": "2022-02-08T07:00:00+08:00", "level": "yellow", "type": "frozen_value"}
{"id": "v3", "mn": "99000001SUI0001", "time": "2022-02-08T05:00:00+08:00", "level": "yellow", "type": "unknown"}
{"id": "v4", "mn": "11111111OTHER01", "time": "2022-02-08T05:00:00+08:00", "level": "red", "type": "unknown"}
JEOF
check_vendor() { # $1 json, $2 table
    $PY - "$1" <<'PYEOF' || fail "vendor totals"
import json, sys
d = json.load(open(sys.argv[1]))
t = d['totals']
assert (t['events'], t['detected'], t['type_correct'], t['false_alarms'], t['red_false_alarms']) == (2, 2, 1, 1, 0), t
assert t['recall'] == 1 and t['type_accuracy'] == 0.5 and t['median_ttd_minutes'] == 60, t
assert abs(t['false_alarms_per_station_day'] - 1 / 1.5) < 1e-9, t
assert abs(t['nab_score'] - 96.243) < 0.01, t['nab_score']
assert d['unmatched_alerts'] == 1, d['unmatched_alerts']
PYEOF
    grep -q "^TOTAL  *2  *2  *1.00  *0.50  *1  *0  *0.67  *60.0 " "$2" || fail "vendor totals row"
}
"$HJRANGE" suite "$SCEN" --out "$tmp/o4" --platform 127.0.0.1:$port --alerts-from "$tmp/vendor.jsonl" \
    --json "$tmp/o4.json" >"$tmp/o4.txt" 2>"$tmp/o4.err" || { cat "$tmp/o4.txt" "$tmp/o4.err"; fail "vendor file exit"; }
check_vendor "$tmp/o4.json" "$tmp/o4.txt"
grep -q '"v1"' "$tmp/o4/b_dilution/alerts.jsonl" || fail "vendor alerts not split into b's folder"
grep -q '"v1"' "$tmp/o4/c_dau_filter/alerts.jsonl" && fail "v1 in c's folder"
grep -q "99000001SUI0002" "$tmp/detect.log" "$tmp/vendor.db" 2>/dev/null || fail "the vendor platform got no HJ 212"

# the same alerts pushed over TCP by the vendor while the runs go on
tport=$((20000 + RANDOM % 20000))
$PY - "$tport" "$tmp/vendor.jsonl" <<'PYEOF' &
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(1); s.settimeout(60)
c, _ = s.accept()
for line in open(sys.argv[2], 'rb'):
    c.sendall(line[:20]); time.sleep(0.05); c.sendall(line[20:])  # lines split across reads
c.close()
PYEOF
pids+=($!)
sleep 0.5
"$HJRANGE" suite "$SCEN" --out "$tmp/o5" --platform 127.0.0.1:$port --alerts-from "tcp:127.0.0.1:$tport" \
    --tcp-wait 3 --json "$tmp/o5.json" >"$tmp/o5.txt" 2>"$tmp/o5.err" || { cat "$tmp/o5.txt" "$tmp/o5.err"; fail "vendor tcp exit"; }
check_vendor "$tmp/o5.json" "$tmp/o5.txt"

# hjrange report redraws one run, in Chinese
if [ "${HJ_HEADLESS:-0}" = 1 ]; then
    rm "$tmp/o1/b_dilution/report.html"
    set +e
    "$HJRANGE" report "$tmp/o1/b_dilution" --lang zh >"$tmp/r.out" 2>"$tmp/r.err"; rc=$?
    set -e
    [ $rc -eq 3 ] || fail "report without the view: exit $rc, want 3"
    grep -q 'HJ_HEADLESS' "$tmp/r.err" || fail "report without the view: $(cat "$tmp/r.err")"
    grep -q '未绘制 report.png' "$tmp/o1/b_dilution/report.html" || fail "report --lang zh"
else
    rm "$tmp/o1/b_dilution/report.png"
    "$HJRANGE" report "$tmp/o1/b_dilution" --lang zh >/dev/null || fail "report exit"
    [ -s "$tmp/o1/b_dilution/report.png" ] || fail "report.png not redrawn"
fi
grep -q 'lang="zh-CN"' "$tmp/o1/b_dilution/report.html" || fail "report --lang zh"
set +e
"$HJRANGE" report "$tmp/nonexistent" >/dev/null 2>&1; rc=$?
set -e
[ $rc -eq 1 ] || fail "report of a missing folder: exit $rc"
echo "suite cli: ok"

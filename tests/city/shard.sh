#!/usr/bin/env bash
# city_shard: 3 shards of a 19-station, 3-hour city (12 wastewater, 4 flue-gas, 3 VOCs) give,
# taken together, what one process gives: the same truth events (ids, types, stations, times), the same HJ 212 lines per
# station in the same order, the same O&M records; every station in exactly one shard
# (k mod 3); the scenario's rand() draws the same city in every shard. Plus --shard usage
# errors. env HJRANGE (the binary), ROOT (the source tree).
set -euo pipefail
: "${HJRANGE:?}" "${ROOT:?}"
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# the city generator, cut down: 12 water, 4 flue-gas and 3 VOCs stations, 3 h (3 water and 3 gas frauds),
# one O&M record per water station
sed -e 's/^local N_STATIONS = [0-9]*/local N_STATIONS = 12/' -e 's/^local HOURS = [0-9.]*/local HOURS = 3/' \
  -e 's/^local N_GAS = [0-9]*/local N_GAS = 4/' -e 's/^local N_VOCS = [0-9]*/local N_VOCS = 3/' \
  "$ROOT/scenarios/city.lua" >"$T/city.lua"
cat >>"$T/city.lua" <<'LUA'
for i, st in ipairs(stations) do
  records.lab { station = st, param = "cod", time = "+" .. (10 * i) .. "m", value = 50 + i }
end
at("+90m", function() stations[5].dau:offline(true); sleep("20m"); stations[5].dau:offline(false) end)
LUA
grep -q "^local N_STATIONS = 12" "$T/city.lua" || fail "city.lua parameter line N_STATIONS not found"
grep -q "^local HOURS = 3" "$T/city.lua" || fail "city.lua parameter line HOURS not found"
grep -q "^local N_GAS = 4" "$T/city.lua" || fail "city.lua parameter line N_GAS not found"
grep -q "^local N_VOCS = 3" "$T/city.lua" || fail "city.lua parameter line N_VOCS not found"
LIB="$ROOT/scenarios/lib"

"$HJRANGE" run "$T/city.lua" --lib "$LIB" --fast --out "$T/full" >"$T/full.txt" 2>&1 ||
  { cat "$T/full.txt"; fail "one-process run"; }
for i in 1 2 3; do
  "$HJRANGE" run "$T/city.lua" --lib "$LIB" --fast --shard "$i/3" --out "$T/s$i" >"$T/s$i.txt" 2>&1 ||
    { cat "$T/s$i.txt"; fail "shard $i/3"; }
done
"$PY" "$ROOT/deploy/merge-shards.py" "$T/merged" "$T/s3" "$T/s1" "$T/s2" || fail "merge"

"$PY" - "$T" <<'PY'
import json, re, sys
T = sys.argv[1]
def load(p): return json.load(open(p, encoding="utf-8"))
def fail(m): print("FAIL: " + m, file=sys.stderr); sys.exit(1)
full, merged = load(T + "/full/truth.json"), load(T + "/merged/truth.json")
mns = [s["mn"] for s in full["stations"]]
if len(mns) != 19: fail("19 stations expected, got %d" % len(mns))
# each shard holds stations k = i-1, i+2, ... (k mod 3 == i-1), in declaration order
for i in (1, 2, 3):
    t = load("%s/s%d/truth.json" % (T, i))
    got = [s["mn"] for s in t["stations"]]
    if got != mns[i - 1::3]: fail("shard %d stations %s, expected %s" % (i, got, mns[i - 1::3]))
    rep = load("%s/s%d/report.json" % (T, i))
    if rep["shard"] != {"index": i, "count": 3, "stations_total": 19}: fail("report shard %s" % rep["shard"])
    if [s["mn"] for s in rep["stations"]] != got: fail("report stations of shard %d" % i)
    for e in t["events"]:
        if e["mn"] not in got: fail("shard %d wrote event %s of another shard's station" % (i, e["id"]))
if merged["stations"] != full["stations"]: fail("merged stations differ")
if len(full["events"]) != 6: fail("6 truth events expected (3 water, 3 gas frauds), got %d" % len(full["events"]))
gas_types = sorted(e["type"] for e in full["events"] if e["type"] in ("probe_dilution", "fake_shutdown", "rto_bypass"))
if gas_types != ["fake_shutdown", "probe_dilution", "rto_bypass"]: fail("gas frauds %s" % gas_types)
if merged["events"] != full["events"]: fail("truth events differ:\n%s\n%s" % (merged["events"], full["events"]))
for k in ("scenario", "seed", "start", "end"):
    if merged[k] != full[k]: fail(k + " differs")
# HJ 212: per station, the same lines in the same order
def by_mn(p):
    d = {}
    for line in open(p, "rb").read().split(b"\r\n")[:-1]:
        d.setdefault(re.search(rb"MN=([^;]+);", line).group(1), []).append(line)
    return d
f, m = by_mn(T + "/full/hj212.log"), by_mn(T + "/merged/hj212.log")
if sorted(f) != sorted(m) or len(f) != 19: fail("stations in hj212.log differ: %d vs %d" % (len(f), len(m)))
# the gas half is in it: 7 stations speak ST=31 (flue gas and VOCs), in every shard
st31 = {mn for mn in f if all(b"ST=31;" in l for l in f[mn] if b"CN=2011" in l) and
        any(b"CN=2011" in l for l in f[mn])}
if len(st31) != 7: fail("%d ST=31 stations in hj212.log, 7 expected" % len(st31))
for i in (1, 2, 3):
    if not {s["mn"].encode() for s in load("%s/s%d/truth.json" % (T, i))["stations"]} & st31:
        fail("shard %d has no gas station" % i)
if not any(b"a24088-Rtd=" in l for mn in st31 for l in f[mn]): fail("no VOCs station's NMHC")
if not any(b"a21026-ZsRtd=" in l for mn in st31 for l in f[mn]): fail("no flue-gas station's SO2")
n = 0
for mn in f:
    if f[mn] != m[mn]: fail("hj212 stream of %s differs (%d vs %d lines)" % (mn, len(f[mn]), len(m[mn])))
    n += len(f[mn])
# 3 h of 2017/2025 stations: minute, hourly and state records by the hundred per station
if n < 19 * 180: fail("only %d hj212 lines" % n)
fr = sorted(open(T + "/full/records.jsonl", encoding="utf-8").read().splitlines())
mr = sorted(open(T + "/merged/records.jsonl", encoding="utf-8").read().splitlines())
if len(fr) != 12 or fr != mr: fail("records differ: %d vs %d" % (len(fr), len(mr)))
rf, rs = load(T + "/full/report.json"), [load("%s/s%d/report.json" % (T, i)) for i in (1, 2, 3)]
if rf["packets"]["records"] != sum(r["packets"]["records"] for r in rs): fail("record counts differ")
if rf["packets"]["records"] != n: fail("report records %d != hj212 lines %d" % (rf["packets"]["records"], n))
print("ok: 19 stations (7 gas), %d hj212 lines, %d events, %d records; shards = one process" % (n, len(full["events"]), len(fr)))
PY
# the merged log is ordered as one process orders it (by time, then station): identical
cmp -s "$T/full/hj212.log" "$T/merged/hj212.log" || fail "merged hj212.log is not byte-identical to one process's"
echo "merged hj212.log byte-identical to one process's"

# all shards to one platform (`hjrange detect`, --no-detect --platform): its store holds
# what the one-process run's in-process platform holds (minute and hourly data)
"$HJRANGE" detect --listen 127.0.0.1:0 --db "$T/p.db" --alerts "$T/p.jsonl" --sync normal --max-per-addr 0 \
  --quiet >"$T/detect.txt" 2>&1 &
DPID=$!
for _ in $(seq 100); do grep -q "port" "$T/detect.txt" && break; sleep 0.1; done
PORT=$(sed -n 's/.*listening .* port \([0-9]*\).*/\1/p' "$T/detect.txt" | head -1)
[ -n "$PORT" ] || { kill $DPID; fail "hjrange detect did not start: $(cat "$T/detect.txt")"; }
pids=()
for i in 1 2 3; do
  "$HJRANGE" run "$T/city.lua" --lib "$LIB" --fast --shard "$i/3" --no-detect \
    --platform "127.0.0.1:$PORT" --out "$T/p$i" >"$T/p$i.txt" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || { kill $DPID; fail "a shard to the platform failed"; }; done
kill -TERM $DPID
wait $DPID || true
for cn in 2051 2061; do
  "$HJRANGE" db dump --db "$T/full/platform.db" --cn $cn >"$T/full_$cn.csv"
  "$HJRANGE" db dump --db "$T/p.db" --cn $cn >"$T/shards_$cn.csv"
  n=$(wc -l <"$T/full_$cn.csv")
  [ "$n" -gt 100 ] || fail "CN $cn: only $n rows in the one-process platform"
  cmp -s "$T/full_$cn.csv" "$T/shards_$cn.csv" ||
    fail "CN $cn: the shared platform's data differ from one process's ($n vs $(wc -l <"$T/shards_$cn.csv") rows)"
  echo "one platform, 3 shards: CN $cn $n rows = one process"
done
for i in 1 2 3; do cmp -s "$T/s$i/hj212.log" "$T/p$i/hj212.log" || fail "shard $i: hj212.log depends on the platform"; done

# the whole city loads: 768 stations (476 + 162 + 130), unique MNs 3304CC + 8 digits
"$HJRANGE" check "$ROOT/scenarios/city.lua" --lib "$LIB" >"$T/check.txt" 2>&1 || { cat "$T/check.txt"; fail "check city.lua"; }
grep -q "stations 768:" "$T/check.txt" || fail "city.lua: 768 stations expected: $(head -c 300 "$T/check.txt")"
nmn=$(grep -o ' 3304[0-9][0-9][0-9]\{8\}' "$T/check.txt" | sort -u | wc -l)
[ "$nmn" = 768 ] || fail "city.lua: $nmn distinct MNs, 768 expected"

# the whole city runs in one process (768 stations, ~3,900 descriptors: more than select(2)
# takes), for 3 minutes: every station's records made and acknowledged
sed -e 's/^local HOURS = [0-9.]*/local HOURS = 0.05/' "$ROOT/scenarios/city.lua" >"$T/city3m.lua"
"$HJRANGE" run "$T/city3m.lua" --lib "$LIB" --fast --out "$T/whole" >"$T/whole.txt" 2>&1 ||
  { tail -5 "$T/whole.txt"; fail "the whole city in one process"; }
"$PY" - "$T/whole" <<'PY' || fail "the whole city in one process"
import json, re, sys
d = sys.argv[1]
mns = {re.search(rb"MN=([^;]+);", l).group(1) for l in open(d + "/hj212.log", "rb").read().split(b"\r\n")[:-1]}
pk = json.load(open(d + "/report.json", encoding="utf-8"))["packets"]
if len(mns) != 768 or pk["acked"] != pk["records"] or pk["modbus_errors"] != 0:
    print("FAIL: %d stations in hj212.log, %d of %d records acknowledged, %d Modbus errors"
          % (len(mns), pk["acked"], pk["records"], pk["modbus_errors"]), file=sys.stderr)
    sys.exit(1)
print("the whole city in one process: 768 stations, %d records acknowledged" % pk["acked"])
PY

# usage errors: exit 2; a shard without stations: exit 1
for bad in 0/3 4/3 1/0 x/3 1/3x 2; do
  rc=0
  "$HJRANGE" run "$T/city.lua" --lib "$LIB" --fast --shard "$bad" --out "$T/bad" >/dev/null 2>&1 || rc=$?
  [ "$rc" = 2 ] || fail "--shard $bad: exit $rc, 2 expected"
done
rc=0
"$HJRANGE" run "$T/city.lua" --lib "$LIB" --fast --shard 20/20 --out "$T/bad" >"$T/bad.txt" 2>&1 || rc=$?
[ "$rc" = 1 ] && grep -q "no station" "$T/bad.txt" || fail "--shard 20/20 of 19 stations: exit $rc"
echo "city_shard: ok"

#!/usr/bin/env bash
# hjrange registry SCENARIO.lua: the platform's stations.json of a bundled scenario (park.lua:
# 8 stations, HJ 212-2017 and -2025) lists every station with its PW and protocol (and its
# limits and production meters); hjrange
# detect --stations accepts it, and then takes each station's packets with that PW and
# refuses a wrong PW and an unknown MN. A scenario's own pw is carried; --seed and usage.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
tmp=$(mktemp -d)
det=""
cleanup() { [ -z "$det" ] || kill "$det" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

"$HJRANGE" help | grep -qE "^  registry +" || fail "help does not list 'registry'"
P="$SCENARIOS/park.lua"
"$HJRANGE" registry "$P" >"$tmp/stdout.json" 2>"$tmp/err" || fail "registry to stdout: $(cat "$tmp/err")"
"$HJRANGE" registry "$P" --out "$tmp/stations.json" 2>"$tmp/err" || fail "registry --out: $(cat "$tmp/err")"
cmp -s "$tmp/stdout.json" "$tmp/stations.json" || fail "stdout and --out differ"
grep -q "8 stations written to $tmp/stations.json" "$tmp/err" || fail "no summary: $(cat "$tmp/err")"
"$HJRANGE" check "$P" >"$tmp/check.txt" 2>&1 || fail "check park.lua"

# every station{} of the file, in order, with its protocol ("2017" unless given) and PW
$PY - "$tmp/stations.json" "$P" "$tmp/check.txt" <<'PYEOF' || fail "registry content"
import json, re, sys
reg = json.load(open(sys.argv[1]))
src = open(sys.argv[2], encoding="utf-8").read()
want = []
for m in re.finditer(r"station\s*\{([^}]*)", src):
    body = m.group(1)
    mn = re.search(r'mn\s*=\s*"([^"]+)"', body).group(1)
    proto = re.search(r'protocol\s*=\s*"(\d+)"', body)
    pw = re.search(r'pw\s*=\s*"([^"]+)"', body)
    want.append({"mn": mn, "pw": pw.group(1) if pw else "123456", "protocol": int(proto.group(1)) if proto else 2017})
assert len(want) == 8 and {w["protocol"] for w in want} == {2017, 2025}, want
assert [{k: r[k] for k in ("mn", "pw", "protocol")} for r in reg] == want, (reg, want)
# and what the detection engine takes from the registration: limits, production meters
for r in reg:
    assert set(r) == {"mn", "pw", "protocol", "limits", "production_meters"}, r
    assert set(r["limits"]) == {"w01018", "w21003", "w21011", "w21001"}, r
    assert r["limits"]["w01018"] > 0 and r["production_meters"][:1] == ["ea1001"], r
listed = re.search(r"stations 8: ([^,]*),", open(sys.argv[3]).read()).group(1).split()
assert [r["mn"] for r in reg] == listed, listed  # hjrange check lists the MNs too
PYEOF

# the platform takes the file: 8 stations registered, each one's PW accepted
"$HJRANGE" detect --listen 127.0.0.1:0 --db "$tmp/p.db" --alerts "$tmp/a.jsonl" \
    --stations "$tmp/stations.json" >"$tmp/det.out" 2>"$tmp/det.err" &
det=$!
for _ in $(seq 100); do grep -q "port" "$tmp/det.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.* port \([0-9]*\)$/\1/p' "$tmp/det.out")
[ -n "$port" ] || fail "detect did not start: $(cat "$tmp/det.err")"
grep -q "8 stations in the registry" "$tmp/det.err" || fail "detect: $(cat "$tmp/det.err")"
$PY - "$tmp/stations.json" "$port" "$HJRANGE" <<'PYEOF' || fail "packets against the registry"
import json, socket, subprocess, sys
reg, port, hj = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3]
def packet(mn, pw, ver):
    j = {"version": ver, "qn": "20230417100000000", "st": "32", "cn": "2011", "pw": pw, "mn": mn,
         "flag": 5 if ver == 2017 else 9,
         "cp": [{"DataTime": "20230417100000"}, {"w01018-Rtd": "50.0"}, {"w01018-Flag": "N"}]}
    return subprocess.run([hj, "hj212", "encode"], input=json.dumps(j) + "\n", capture_output=True,
                          text=True, check=True).stdout.encode()
s = socket.create_connection(("127.0.0.1", port), timeout=10)
buf = b""
def reply():
    global buf
    while b"\r\n" not in buf:
        chunk = s.recv(4096)
        assert chunk, "connection closed"
        buf += chunk
    line, buf = buf.split(b"\r\n", 1)
    return line.decode()
for r in reg:
    s.sendall(packet(r["mn"], r["pw"], r["protocol"]))
    a = reply()
    assert "CN=9014;" in a and "MN=" + r["mn"] in a, (r, a)
s.sendall(packet(reg[0]["mn"], "000000", reg[0]["protocol"]))
a = reply()
assert "CN=9011;" in a and "QnRtn=3" in a, a  # wrong password
s.sendall(packet("33040001XXX0009", "123456", 2017))
a = reply()
assert "CN=9011;" in a and "QnRtn=4" in a, a  # not registered
PYEOF
kill "$det"; wait "$det" || true; det=""
grep -q "auth failed: 10, 8, 0, 8, 0, 0, 2" "$tmp/det.err" || fail "detect summary: $(tail -2 "$tmp/det.err")"

# a scenario's own pw and protocol; --seed and --lib pass; a PW detect cannot take
cat >"$tmp/own.lua" <<'EOF'
scenario { name = "own", start = "2022-02-08 00:00", duration = "1h" }
station { mn = "REG0001", pw = "654321", protocol = "2025" }
station { mn = "REG000" .. math.floor(rand() * 1000) }
EOF
"$HJRANGE" registry "$tmp/own.lua" --seed=5 --lib="$SCENARIOS/lib" --out="$tmp/own.json" 2>/dev/null || fail "registry own.lua"
"$HJRANGE" registry "$tmp/own.lua" --seed 5 >"$tmp/own5.json" 2>/dev/null || fail "registry --seed 5"
"$HJRANGE" registry "$tmp/own.lua" --seed 6 >"$tmp/own6.json" 2>/dev/null || fail "registry --seed 6"
cmp -s "$tmp/own.json" "$tmp/own5.json" || fail "--seed=5 and --seed 5 differ"
$PY -c '
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert {k: a[0][k] for k in ("mn", "pw", "protocol")} == {"mn": "REG0001", "pw": "654321", "protocol": 2025}, a
assert a[1]["pw"] == "123456" and a[1]["protocol"] == 2017, a
assert a[1]["mn"] != b[1]["mn"], "the seed does not reach rand()"
' "$tmp/own.json" "$tmp/own6.json" || fail "own.lua registry"
printf 'scenario { name = "long", start = "2022-02-08 00:00", duration = "1h" }\nstation { mn = "REG1", pw = "12345678" }\n' >"$tmp/long.lua"
set +e
"$HJRANGE" registry "$tmp/long.lua" >"$tmp/o" 2>"$tmp/e"; rc=$?
[ $rc -eq 1 ] || fail "8-character pw: exit $rc, want 1"
grep -q "REG1" "$tmp/e" || fail "8-character pw: $(cat "$tmp/e")"
printf 'scenario { name = "bad" \n' >"$tmp/broken.lua"
"$HJRANGE" registry "$tmp/broken.lua" >/dev/null 2>"$tmp/e"; rc=$?
[ $rc -eq 1 ] || fail "broken scenario: exit $rc, want 1"
grep -q "broken.lua:" "$tmp/e" || fail "broken scenario: no file:line: $(cat "$tmp/e")"
"$HJRANGE" registry >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "no scenario: exit $rc, want 2"
"$HJRANGE" registry "$P" --seed x >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "bad --seed: exit $rc, want 2"
set -e
echo "1 passed, 0 failed"

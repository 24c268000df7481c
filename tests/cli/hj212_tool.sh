#!/usr/bin/env bash
# hjrange hj212 decode/encode on the standard's vectors and on bad packets.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
vec="$DATA/hj212/vectors.txt"
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3

# 1. every vector decodes; the JSON is valid and carries the header.
"$HJRANGE" hj212 decode <"$vec" >"$tmp/dec.jsonl" 2>"$tmp/dec.err" || fail "decode of vectors failed: $(cat "$tmp/dec.err")"
n=$(grep -c '^##' "$vec")
[ "$(wc -l <"$tmp/dec.jsonl")" -eq "$n" ] || fail "expected $n JSON lines"
grep -q '"error"' "$tmp/dec.jsonl" && fail "a vector was refused"
$PY - "$tmp/dec.jsonl" <<'PYEOF' || fail "JSON content"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
r = rows[2]  # the 2011 example with EFlag
assert r["cn"] == "2011" and r["st"] == "32" and r["version"] == 2017, r
assert r["flag"] == 5 and r["flag_bits"] == {"version": 1, "d": 0, "a": 1}, r
assert r["cp"][1] == {"w01001-Rtd": "7.1", "w01001-Flag": "N"}, r["cp"]
assert r["cp"][2]["w01018-EFlag"] == "A01"
assert rows[3]["cn"] == "9014" and rows[3]["cp"] == [] and rows[3]["crc"] == "3240"
PYEOF

# 2. encode gives the vectors back byte for byte (CR LF added on output).
"$HJRANGE" hj212 encode <"$tmp/dec.jsonl" >"$tmp/enc.txt" || fail "encode failed"
grep '^##' "$vec" | sed 's/$/\r/' >"$tmp/want.txt"
cmp "$tmp/want.txt" "$tmp/enc.txt" || fail "round trip differs"
# ... and what we encode passes the independent checker, strictly.
$PY "$TOOLS/hj212check.py" --strict "$tmp/enc.txt" >/dev/null || fail "independent checker refused our encoding"

# 3. bad packets: wrong CRC digit, wrong length, cut short -> error objects, exit 1.
good='##0087QN=20160801085857223;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&3240'
printf '%s\r\n' "${good/3240/3241}" >"$tmp/bad1"
printf '%s\r\n' "${good/\#\#0087/##0088}" >"$tmp/bad2"
printf '%s' "${good:0:60}" >"$tmp/bad3"
for i in 1 2 3; do
  set +e; "$HJRANGE" hj212 decode <"$tmp/bad$i" >"$tmp/out$i" 2>/dev/null; rc=$?; set -e
  [ $rc -eq 1 ] || fail "bad$i: exit $rc, want 1"
done
grep -q '"error":"crc"' "$tmp/out1" || fail "wrong CRC not named: $(cat "$tmp/out1")"
grep -q '"qnrtn":9' "$tmp/out1" || fail "wrong CRC not QnRtn 9"
grep -q '"error"' "$tmp/out2" || fail "wrong length not refused"
grep -q '"error":"trunc"' "$tmp/out3" || fail "cut-short not refused as truncated: $(cat "$tmp/out3")"

# 4. a good packet after garbage and after a bad one is still decoded (resync).
{ printf 'garbage\r\n'; printf '%s\r\n' "${good/3240/3241}"; printf '%s\r\n' "$good"; } >"$tmp/mix"
set +e; "$HJRANGE" hj212 decode <"$tmp/mix" >"$tmp/outmix" 2>/dev/null; set -e
grep -q '"cn":"9014"' "$tmp/outmix" || fail "good packet lost after garbage: $(cat "$tmp/outmix")"

# 5. Chinese messages.
set +e; "$HJRANGE" --lang zh hj212 decode <"$tmp/bad1" >"$tmp/zh" 2>/dev/null; set -e
grep -q 'CRC 校验错误' "$tmp/zh" || fail "no Chinese reason: $(cat "$tmp/zh")"
echo "1 passed, 0 failed"

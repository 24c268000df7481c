#!/usr/bin/env bash
# hjrange list: the fraud types (keys, zh/en names, a line each; the same table the scenario
# runtime and the scorer accept), the plant profiles (those hjrange station takes), the
# station kinds and the bundled scenarios (next to the fraud library, or --lib); text in
# en and zh, --json, usage errors; listed in hjrange help.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$HJRANGE" help | grep -qE "^  list +" || fail "help does not list 'list'"
"$HJRANGE" list --help | grep -q -- "--json" || fail "list --help"

"$HJRANGE" list --json >"$tmp/list.json" || fail "list --json exit $?"
"$HJRANGE" list >"$tmp/list.txt" || fail "list exit $?"
"$HJRANGE" --lang zh list >"$tmp/list.zh" || fail "zh list exit $?"
# what hjrange station accepts as --profile (its error lists the valid ones)
"$HJRANGE" station --profile none 2>"$tmp/profiles.err" && fail "station --profile none accepted"

$PY - "$tmp" "$SCENARIOS" <<'PYEOF' || fail "list --json content"
import json, os, re, sys
tmp, scen = sys.argv[1], os.path.realpath(sys.argv[2])
d = json.load(open(tmp + "/list.json", encoding="utf-8"))
assert set(d) == {"fraud_types", "profiles", "station_kinds", "scenarios_dir", "scenarios", "folders"}, d.keys()
cjk = re.compile("[\u4e00-\u9fff]")
types = [t["type"] for t in d["fraud_types"]]
assert len(types) == 24 and len(set(types)) == 24, types
assert types[0] == "sample_cup_injection" and types[13] == "bypass_discharge", types
assert types[14] == "probe_dilution" and types[-1] == "rto_bypass", types
kinds = {t["type"]: t["kinds"] for t in d["fraud_types"]}
assert kinds["bypass_discharge"] == ["wastewater"], kinds
assert kinds["dau_tamper"] == ["wastewater", "gas", "vocs"], kinds
assert kinds["o2_tamper"] == ["gas"] and kinds["rto_bypass"] == ["vocs"], kinds
for t in d["fraud_types"]:
    assert t["name_en"] and t["description_en"] and not cjk.search(t["name_en"] + t["description_en"]), t
    assert cjk.search(t["name_zh"]) and cjk.search(t["description_zh"]), t
    assert t["signals"] and set(t["signals"]) <= {"C", "Q", "St", "V", "Dr", "I", "R", "O", "T", "L"}, t
txt = open(tmp + "/list.txt", encoding="utf-8").read()
zh = open(tmp + "/list.zh", encoding="utf-8").read()
for t in d["fraud_types"]:
    assert t["type"] in txt and t["name_en"] in txt and t["name_zh"] in txt and t["description_en"] in txt, t["type"]
    assert t["name_zh"] in zh and t["description_zh"] in zh, t["type"]
assert "工厂类型" in zh and "自带场景" in zh, "zh headings"
profiles = [p["profile"] for p in d["profiles"]]
valid = re.search(r"valid values: (\S+)", open(tmp + "/profiles.err").read()).group(1).split("|")
assert profiles == valid, (profiles, valid)
for p in d["profiles"]:
    if p.get("kind") in ("gas", "vocs"):  # a gas or VOCs source: its flue gas and limits
        assert p["flue_nm3h"] > 0 and p["limits"] and cjk.search(p["name_zh"]), p
    else:
        assert p["flow_m3h"] > 0 and p["limits"]["cod"] > 0 and cjk.search(p["name_zh"]), p
    assert p["profile"] in txt and p["name_zh"] in txt, p
assert [k["kind"] for k in d["station_kinds"]] == ["wastewater", "gas", "vocs"], d["station_kinds"]
assert [k["st"] for k in d["station_kinds"]] == [32, 31, 31], d["station_kinds"]
assert d["scenarios_dir"] == scen, (d["scenarios_dir"], scen)
files = sorted(f for f in os.listdir(scen) if f.endswith(".lua"))
assert [s["file"] for s in d["scenarios"]] == files, d["scenarios"]
demo = [s for s in d["scenarios"] if s["file"] == "demo.lua"][0]
assert demo["description"] == "the README's first run: one dyeing plant, one day.", demo
assert demo["path"] == scen + "/demo.lua"
folders = {f["folder"]: f["scenarios"] for f in d["folders"]}
assert "lib" not in folders
for name in ("variations", "holdout"):
    n = len([f for f in os.listdir(scen + "/" + name) if f.endswith(".lua")])
    assert folders[name] == n and "hjrange suite " + scen + "/" + name in txt, (name, folders)
PYEOF

# the types of the list are those the scenario runtime accepts in truth.begin
for t in $($PY -c 'import json,sys; print(" ".join(t["type"] for t in json.load(open(sys.argv[1]))["fraud_types"]))' "$tmp/list.json") nonsense_type; do
    cat >"$tmp/t.lua" <<EOF
scenario { name = "types", start = "2022-02-08 00:00", duration = "1h" }
local st = station { mn = "LIST0001" }
at("00:10", function() truth.begin { type = "$t", station = st } end)
EOF
    if "$HJRANGE" check "$tmp/t.lua" >/dev/null 2>"$tmp/check.err"; then
        [ "$t" != nonsense_type ] || fail "check accepted an unknown type"
    else
        [ "$t" = nonsense_type ] || fail "check refused listed type $t: $(cat "$tmp/check.err")"
    fi
done

# --lib: the scenarios of another folder; the first sentence of each header comment
mkdir -p "$tmp/drills/lib" "$tmp/drills/set2"
printf -- '-- night.lua — a night drill at a dyeing plant. The camera turns.\nscenario {}\n' >"$tmp/drills/night.lua"
printf 'scenario {}\n' >"$tmp/drills/bare.lua"
printf 'scenario {}\n' >"$tmp/drills/set2/x.lua"
printf 'return {}\n' >"$tmp/drills/lib/fraud.lua"
"$HJRANGE" list --lib="$tmp/drills/lib" --json >"$tmp/l2.json" || fail "list --lib= exit"
$PY - "$tmp" <<'PYEOF' || fail "list --lib content"
import json, os, sys
d = json.load(open(sys.argv[1] + "/l2.json"))
assert d["scenarios_dir"] == os.path.realpath(sys.argv[1] + "/drills"), d["scenarios_dir"]
assert [(s["file"], s["description"]) for s in d["scenarios"]] == [
    ("bare.lua", ""), ("night.lua", "a night drill at a dyeing plant.")], d["scenarios"]
assert d["folders"] == [{"folder": "set2", "path": d["scenarios_dir"] + "/set2", "scenarios": 1}], d["folders"]
PYEOF

# usage errors
set +e
"$HJRANGE" list --bogus >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "list --bogus exit $rc, want 2"
"$HJRANGE" list --json=yes >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] || fail "list --json=yes exit $rc, want 2"
grep -q "takes no value" "$tmp/err" || fail "list --json=yes: $(cat "$tmp/err")"
"$HJRANGE" list --lib >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "list --lib without a value exit $rc, want 2"
set -e
echo "1 passed, 0 failed"

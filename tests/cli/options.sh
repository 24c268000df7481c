#!/usr/bin/env bash
# Option values: "--name=value" works like "--name value" (also --lang=zh), a flag given a
# value is refused, a bad value says which values are valid (choices, ranges, accepted
# forms of times and durations), in English and Chinese; exit status 2 for all of these.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/tiny.lua" <<'EOF'
scenario { name = "options", start = "2022-02-08 00:00", duration = "1h", seed = 1 }
station { mn = "OPT0001", plant = { profile = "food" } }
EOF

# usage error: exit 2 and the expected text on stderr ($1: text, then the command)
bad() {
    local want=$1; shift
    set +e
    "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; local rc=$?
    set -e
    [ $rc -eq 2 ] || fail "$* exit $rc, want 2: $(cat "$tmp/err")"
    grep -qF -- "$want" "$tmp/err" || fail "$*: stderr lacks '$want': $(cat "$tmp/err")"
}
H="$HJRANGE"
# `view` in a build without the view (HJ_HEADLESS=1): whatever its options, exit 3 and a
# line that says so; with the view, a usage error as bad().
view_bad() {
    [ "${HJ_HEADLESS:-0}" = 1 ] || { bad "$@"; return; }
    shift
    set +e
    "$@" >"$tmp/out" 2>"$tmp/err" </dev/null; local rc=$?
    set -e
    [ $rc -eq 3 ] || fail "$* exit $rc, want 3 (no view): $(cat "$tmp/err")"
    grep -qF -- "-DHJ_HEADLESS=ON" "$tmp/err" || fail "$*: stderr does not say why: $(cat "$tmp/err")"
}

# --lang=zh as --lang zh; a bad --lang lists zh|en
"$H" --lang=zh help | grep -q "命令" || fail "--lang=zh help is not Chinese"
"$H" help --lang=zh | grep -q "命令" || fail "help --lang=zh is not Chinese"
"$H" help | grep -q -- "--out=DIR" || fail "help does not tell about --name=value"
bad "valid values: zh|en" "$H" --lang xx help
bad "valid values: zh|en" "$H" --lang=xx help
bad "可选值: zh|en" env HJRANGE_LANG=zh "$H" --lang=fr help

# choices
view_bad 'bad value for option: --role "x"; valid values: trainee|instructor' "$H" view "$tmp/tiny.lua" --role x
view_bad 'valid values: trainee|instructor' "$H" view "$tmp/tiny.lua" --role=boss
view_bad '可选值: trainee|instructor' "$H" --lang zh view "$tmp/tiny.lua" --role boss
view_bad 'valid values: platform|room|camera' "$H" view "$tmp/tiny.lua" --screen=lobby
bad 'valid values: dyeing|electroplating|chemical|food|municipal' "$H" station --profile=paper

# ranges and shapes
bad 'expected: an integer 1..256' "$H" suite "$tmp" --jobs=0
bad 'expected: an integer 1..256' "$H" suite "$tmp" --jobs 999
bad 'expected: a number in (0, 1e9]' "$H" run "$tmp/tiny.lua" --speed=0
bad 'expected: I/N, 1 <= I <= N <= 1024' "$H" run "$tmp/tiny.lua" --shard 3/2
bad 'expected: HOST:PORT with a port 1..65535' "$H" run "$tmp/tiny.lua" --platform=nohost
bad 'expected: HOST:PORT with a port 1..65535' "$H" suite "$tmp" --platform 127.0.0.1:0
bad 'expected: an integer 0..65535' "$H" station --modbus-port=70000
bad 'expected: an integer 16..1000000' "$H" hj212 decode --max=3
view_bad 'expected: an integer 1..100000' "$H" view "$tmp/tiny.lua" --bench-frames 0
bad '应为: 整数 1..256' "$H" --lang zh suite "$tmp" --jobs=x

# times and durations: the accepted forms
view_bad 'accepted forms: HH:MM[:SS] (the first such moment at or after the start), YYYY-MM-DD HH:MM[:SS] (China time), +DURATION' \
    "$H" view "$tmp/tiny.lua" --at 25:00
view_bad 'accepted forms: HH:MM[:SS]' "$H" view "$tmp/tiny.lua" --at=+2x
view_bad 'accepted forms: HH:MM[:SS]' "$H" view "$tmp/tiny.lua" --at "2022-02-30 10:00"
view_bad '可用格式: HH:MM[:SS]（开始时刻当时或之后的第一个该时刻）' "$H" --lang zh view "$tmp/tiny.lua" --at noon
bad 'accepted forms: HH:MM[:SS]' "$H" station --hold-at 9
bad 'accepted forms: YYYY-MM-DD HH:MM[:SS] (China time)' "$H" station --start=yesterday
bad 'accepted forms: 90s, 15m, 2h, 1h30m, 2d' "$H" station --duration 1h2d
bad 'accepted forms: 0, 90s, 30m, 2h, 1h30m, 1.5h, 1d' "$H" score "$tmp/t.json" "$tmp/a.jsonl" --grace=soon
bad 'accepted forms: 0, 90s, 30m, 2h' "$H" suite "$tmp" --grace 2 hours

# a flag takes no value; a valued option needs one
bad "option takes no value: --fast" "$H" run "$tmp/tiny.lua" --fast=1
bad "option takes no value: --json" "$H" score "$tmp/t.json" "$tmp/a.jsonl" --json=yes
bad "option takes no value: --no-report" "$H" suite "$tmp" --no-report=1
bad "option needs a value" "$H" run "$tmp/tiny.lua" --out

# --name=value is taken like --name value
"$H" run "$tmp/tiny.lua" --fast --out="$tmp/o1" --seed=42 >"$tmp/run.txt" 2>&1 \
    || fail "run with --name=value: $(tail -3 "$tmp/run.txt")"
grep -q '"seed": 42' "$tmp/o1/truth.json" || grep -q '"seed":	42' "$tmp/o1/truth.json" \
    || fail "--seed=42 not taken: $(head -3 "$tmp/o1/truth.json")"
"$H" check --lib="$SCENARIOS/lib" "$tmp/tiny.lua" >/dev/null || fail "check --lib="
"$H" score "$tmp/o1/truth.json" "$tmp/o1/alerts.jsonl" --grace=30m --json >"$tmp/s.json" || fail "score --grace="
grep -qF '"grace_minutes":	30' "$tmp/s.json" || fail "--grace=30m not taken"
echo '##0087QN=20160801085857223;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&3240' \
    | "$H" hj212 decode --max=100 >/dev/null || fail "hj212 decode --max=100"
# detect and db: the same conventions
bad 'valid values: full|normal' "$H" detect --listen=127.0.0.1:0 --db="$tmp/d.db" --sync=fast
bad 'expected: HOST:PORT' "$H" detect --listen 127.0.0.1 --db "$tmp/d.db"
bad 'expected: an integer 0..1000000' "$H" detect --listen 127.0.0.1:0 --db "$tmp/d.db" --max-per-addr=-1
bad "option takes no value: --quiet" "$H" detect --listen 127.0.0.1:0 --db "$tmp/d.db" --quiet=1
bad 'expected: an integer 1..9999' "$H" db dump --db="$tmp/d.db" --cn=abc
echo "1 passed, 0 failed"

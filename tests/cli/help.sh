#!/usr/bin/env bash
# hjrange help / CMD --help / --lang, and errors on bad commands and options.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
out=$("$HJRANGE" help) || fail "help exited non-zero"
grep -q "hj212" <<<"$out" || fail "help does not list hj212"
out=$("$HJRANGE" --lang zh help) || fail "zh help"
grep -q "命令" <<<"$out" || fail "zh help not in Chinese"
out=$("$HJRANGE" hj212 --help) || fail "hj212 --help"
grep -q -- "--key" <<<"$out" || fail "hj212 --help does not explain --key"
out=$(LANG=zh_CN.UTF-8 "$HJRANGE" hj212 --help) || fail "hj212 --help zh"
grep -q "密钥" <<<"$out" || fail "LANG=zh_CN does not select Chinese"
set +e
"$HJRANGE" nosuchcmd >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "unknown command exit $rc, want 2"
"$HJRANGE" hj212 decode --bogus </dev/null >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "unknown option exit $rc, want 2"
"$HJRANGE" hj212 decode --key 12 </dev/null >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "bad key exit $rc, want 2"
"$HJRANGE" --lang xx help >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "bad --lang exit $rc, want 2"
echo "1 passed, 0 failed"

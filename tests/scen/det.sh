#!/usr/bin/env bash
# Determinism: the same scenario and seed give byte-identical truth.json, hj212.log and
# records.jsonl — twice in --fast mode, and paced (--speed) against --fast.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$HJRANGE" run "$SCEN/api.lua" --fast --out "$out/a" >/dev/null 2>&1 || fail "run a"
"$HJRANGE" run "$SCEN/api.lua" --fast --out "$out/b" >/dev/null 2>&1 || fail "run b"
"$HJRANGE" run "$SCEN/api.lua" --speed 40000 --no-detect --out "$out/c" >/dev/null 2>&1 || fail "run c"
for f in truth.json hj212.log records.jsonl; do
  cmp "$out/a/$f" "$out/b/$f" || fail "$f differs between two --fast runs"
  cmp "$out/a/$f" "$out/c/$f" || fail "$f differs between --fast and --speed 40000"
done
[ "$(wc -l <"$out/a/hj212.log")" -gt 900 ] || fail "hj212.log too short"
"$HJRANGE" run "$SCEN/api.lua" --fast --seed 99 --no-detect --out "$out/d" >/dev/null 2>&1 || fail "run d"
! cmp -s "$out/a/hj212.log" "$out/d/hj212.log" || fail "another seed gave the same hj212.log"
echo "determinism: ok ($(wc -l <"$out/a/hj212.log") records identical)"

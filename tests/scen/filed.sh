#!/usr/bin/env bash
# filed.sh — records.work_order{ filed = }: the record reaches records.jsonl (and so the
# platform) when it was filed, and the platform judges a flag against the orders filed by
# then: an order filed during the job covers the flags, one filed the next morning does not.
set -euo pipefail
HJRANGE=${HJRANGE:?} SCEN=$(cd "$(dirname "$0")" && pwd)
LIB=$(cd "$SCEN/../../scenarios/lib" && pwd)
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for when in "2022-02-08 14:20" "2022-02-09 08:00"; do
  d=$tmp/${when//[ :-]/}
  mkdir -p "$d"
  sed "s/FILED/$when/" "$SCEN/filed.lua" >"$d/filed.lua"
  "$HJRANGE" run "$d/filed.lua" --lib "$LIB" --fast --out "$d/out" >"$d/run.txt" 2>&1 ||
    fail "run ($when): $(tail -5 "$d/run.txt")"
  grep -q "\"filed\":\"${when% *}T${when#* }:00+08:00\"" "$d/out/records.jsonl" ||
    fail "records.jsonl ($when): $(cat "$d/out/records.jsonl")"
  if [ "$when" = "2022-02-08 14:20" ]; then
    ! grep -q '"type":"false_flag"' "$d/out/alerts.jsonl" ||
      fail "an order filed during the job did not cover the flags: $(cat "$d/out/alerts.jsonl")"
  else
    grep -q '"type":"false_flag"' "$d/out/alerts.jsonl" ||
      fail "an order filed the next morning covered the flags: $(cat "$d/out/alerts.jsonl")"
  fi
done
echo "filed: ok"

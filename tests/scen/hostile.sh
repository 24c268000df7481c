#!/usr/bin/env bash
# hostile.sh NAME: runs hostile/NAME.lua through `hjrange run` (and `check`, which runs the
# whole timeline too, where MODES says both); asserts exit status 1 within LIMIT s (env, default
# 15) and the message of
# hostile/EXPECT (file:line and text) on stderr, and a run.log within the output cap.
set -uo pipefail
name=$1
fail() { echo "FAIL $name: $*"; exit 1; }
line=$(grep -P "^$name\t" "$SCEN/hostile/EXPECT") || fail "no expectation in EXPECT"
modes=$(cut -f2 <<<"$line"); re=$(cut -f3- <<<"$line")
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
cmds=(run); [ "$modes" = both ] && cmds+=(check)
for cmd in "${cmds[@]}"; do
  args=(); [ "$cmd" = run ] && args=(--fast --no-detect --out "$out/o")
  t0=$(date +%s.%N)
  timeout "${LIMIT:-15}" "$HJRANGE" "$cmd" "$SCEN/hostile/$name.lua" "${args[@]}" >"$out/stdout" 2>"$out/stderr"
  rc=$?
  t=$(echo "$(date +%s.%N) - $t0" | bc)
  [ $rc -eq 124 ] && fail "$cmd: not stopped within ${LIMIT:-15} s"
  [ $rc -eq 1 ] || fail "$cmd: exit $rc, want 1; stderr: $(head -c 600 "$out/stderr")"
  grep -Eq -- "$re" "$out/stderr" || fail "$cmd: message does not match /$re/: $(head -c 600 "$out/stderr")"
  if [ "$cmd" = run ] && [ -e "$out/o/run.log" ]; then # the output cap (16 MiB) holds
    size=$(stat -c %s "$out/o/run.log")
    [ "$size" -le $((16 * 1024 * 1024 + 65536)) ] || fail "run.log of $size bytes, over the output cap"
  fi
  echo "$name $cmd: exit 1 in ${t}s: $(head -1 "$out/stderr" | cut -c1-160)"
done
[ ! -e /tmp/pwned ] || fail "a script ran a command"

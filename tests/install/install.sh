#!/usr/bin/env bash
# install.sh — `cmake --install $BUILD --prefix TMP/prefix`, then from TMP/elsewhere (neither
# the source nor the build tree): the layout is there; `hjrange check` of an installed
# scenario passes; require() finds a module that exists only in the installed library
# (so the default --lib is the installed one, not the source tree's); a missing module is
# reported by its name in the library, without the machine's paths.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
P=$T/prefix
"$CMAKE" --install "$BUILD" --prefix "$P" >"$T/install.log" || fail "cmake --install: $(cat "$T/install.log")"
for f in bin/hjrange share/hjrange/lib/fraud.lua share/hjrange/scenarios/demo.lua \
         share/doc/hjrange/README.md share/doc/hjrange/docs/deploy.md \
         share/doc/hjrange/docs/hj212-profile.md; do
  [ -e "$P/$f" ] || fail "not installed: $f"
done
[ ! -e "$P/share/hjrange/scenarios/lib" ] || fail "the library is installed twice (scenarios/lib)"
mkdir "$T/elsewhere"; cd "$T/elsewhere"

# the brief's command: an installed scenario, checked by the installed binary
"$P/bin/hjrange" check "$P/share/hjrange/scenarios/demo.lua" >"$T/out" 2>&1 || fail "check demo: $(cat "$T/out")"
grep -q ': ok: ' "$T/out" || fail "check demo: $(cat "$T/out")"

# a scenario of the user's own (no lib/ beside it) using the library
cat >drill.lua <<'LUA'
scenario { name = "install test", start = "2022-02-08 00:00", duration = "6h", seed = 1 }
local fraud = require "fraud"
local marker = require "only_installed"
local st = station { mn = "INSTALL0001", plant = { profile = "dyeing" } }
fraud.sample_cup_injection(st, { at = "02:00", param = "cod", ml = 40, restart = true })
log(marker.text)
LUA
cat >"$P/share/hjrange/lib/only_installed.lua" <<'LUA'
return { text = "the installed library" }
LUA
"$P/bin/hjrange" check drill.lua >"$T/out" 2>&1 || fail "check drill.lua: $(cat "$T/out")"
rm "$P/share/hjrange/lib/only_installed.lua"
if "$P/bin/hjrange" check drill.lua >"$T/out" 2>&1; then fail "check passed without the module"; fi
# the message names the module as the library holds it, not a path of this machine
grep -qF "module 'only_installed' not found (no lib/only_installed.lua)" "$T/out" ||
  fail "the missing module's message: $(cat "$T/out")"
! grep -qF "$P" "$T/out" || fail "the message shows the machine's path: $(cat "$T/out")"

# a short run of the installed binary, outputs in the current folder
"$P/bin/hjrange" run drill.lua --fast --no-detect --out out >"$T/out" 2>&1 && fail "run without the module passed"
cat >"$P/share/hjrange/lib/only_installed.lua" <<'LUA'
return { text = "the installed library" }
LUA
"$P/bin/hjrange" run drill.lua --fast --no-detect --out out >"$T/out" 2>&1 || fail "run: $(cat "$T/out")"
grep -q "the installed library" out/run.log || fail "run.log: $(cat out/run.log)"
[ -s out/truth.json ] && [ -s out/hj212.log ] || fail "run wrote no truth.json / hj212.log"
echo "1 passed, 0 failed"

#!/usr/bin/env bash
# Scenario messages in the CLI's language (--lang, HJRANGE_LANG, LANG): our texts (the
# bindings, the sandbox's kills and limits, the scheduler, the fraud library's options,
# check's report and run.log's warnings) in Chinese; Lua's own messages as Lua prints
# them, under the translated prefix.
set -uo pipefail
fail() { echo "FAIL: $*"; exit 1; }
C=$SCEN/check
L=(--lib "$SCEN/../../scenarios/lib")
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
unset HJRANGE_LANG LC_ALL
export LANG=C
want() { grep -qF -- "$2" <<<"$1" || fail "no '$2' in: $1"; }
o=$("$HJRANGE" --lang zh check "$C/typo_top.lua" 2>&1)
want "$o" "hjrange: 场景错误: "
want "$o" "typo_top.lua:1: scenario{}：未知字段 'durtion'（是否应为 'duration'？可用：name, start, duration, seed）"
want "$o" "typo_top.lua: 1 个错误"
o=$(HJRANGE_LANG=zh "$HJRANGE" check "$SCEN/hostile/loop.lua" 2>&1)
want "$o" "hostile/loop.lua:3: 用尽每次调用 10000000 条指令的预算"
o=$(LANG=zh_CN.UTF-8 "$HJRANGE" check "$SCEN/hostile/every_flood.lua" 2>&1)
want "$o" "hostile/every_flood.lua:3: 已安排的任务过多（上限 10000）"
o=$("$HJRANGE" --lang zh check "$C/typos.lua" "${L[@]}" 2>&1)
want "$o" "typos.lua:8: fraud.tap_water_dilution：未知选项 'duraton'（是否应为 'duration'？"
want "$o" "typos.lua:4: fraud 没有函数 'sample_cup_injectoin'（是否应为 'sample_cup_injection'？）"
want "$o" "typos.lua:6: st.cod 没有方法 'comand'（是否应为 'command'？）"
# Lua's own message stays as Lua prints it, under the translated prefix
o=$("$HJRANGE" --lang zh check "$C/task_error.lua" 2>&1)
want "$o" "hjrange: 场景错误: [2022-02-08 06:00:00] $C/task_error.lua:4: attempt to index a nil value (local 'pipe') （共 4 次，最后一次在 2022-02-09 00:00:00）"
want "$o" "task_error.lua: 2 个错误, 0 个警告"
# the library's position line and a warning in run.log
o=$("$HJRANGE" --lang zh check "$C/fraud_lines.lua" "${L[@]}" 2>&1)
want "$o" "（位于 lib/fraud.lua:"
want "$o" "hjrange: 警告: $C/fraud_lines.lua:7: at("
"$HJRANGE" --lang zh run "$C/busy.lua" --fast --no-detect --out "$out/b" >/dev/null 2>&1 || fail "busy run"
grep -qF "警告：$C/busy.lua:4: st.cod:command(\"calibrate\") 被拒绝：cod 分析仪忙" "$out/b/run.log" || fail "run.log zh: $(cat "$out/b/run.log")"
# station{} refused by the configuration's checks (sim/world/cfgerr.h), in both languages
printf '%s\n%s\n' 'scenario { name = "t", start = "2024-01-01 00:00", duration = "1h" }' \
  'station { mn = "W1", limits = { cod = -5 } }' >"$out/limits.lua"
printf '%s\n%s\n' 'scenario { name = "t", start = "2024-01-01 00:00", duration = "1h" }' \
  'station { kind = "gas", mn = "G1", plant = { profile = "coal_boiler", load = 3 } }' >"$out/load.lua"
o=$("$HJRANGE" --lang zh check "$out/limits.lua" 2>&1)
want "$o" "limits.lua:2: station{}: limits 必须在 0 .. 1e6 mg/L 之间"
o=$("$HJRANGE" --lang zh check "$out/load.lua" 2>&1)
want "$o" "load.lua:2: station{}: plant.load 必须在 0 .. 1.2 之间"
o=$("$HJRANGE" --lang en check "$out/load.lua" 2>&1)
want "$o" "load.lua:2: station{}: plant.load must be 0 .. 1.2"
# English stays the default
o=$("$HJRANGE" check "$C/typo_top.lua" 2>&1)
want "$o" "scenario{}: unknown field 'durtion' (did you mean 'duration'? known: name, start, duration, seed)"
echo "lang: ok"

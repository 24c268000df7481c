/* i18n-run.h — texts of `hjrange run` and `hjrange check`, X(id, English, Chinese). */
#ifndef I18N_RUN_H
#define I18N_RUN_H

#define I18N_MESSAGES_RUN(X)                                                                                                      \
    X(MSG_RUN_CMD, "run a scenario headless: stations, Modbus endpoints, DAUs, HJ 212 links",                                     \
      "无界面运行场景：站房、Modbus 端点、数采仪、HJ 212 链路")                                                                   \
    X(MSG_RUN_HELP,                                                                                                               \
      "hjrange run SCENARIO.lua [--fast | --speed N] [--seed N] [--out DIR]\n"                                                    \
      "            [--platform HOST:PORT]... [--no-detect] [--modbus-port P] [--lib DIR]\n"                                       \
      "            [--shard I/N] [--progress S]\n"                                                                                 \
      "  Runs the scenario on the virtual clock: every station is served over Modbus/TCP,\n"                                      \
      "  its DAU polls it over the wire and sends HJ 212 to the in-process platform and to\n"                                     \
      "  every --platform. The scenario's acts change the stations at their virtual times.\n"                                     \
      "  --fast            virtual time as fast as possible, jumping from event to event\n"                                       \
      "  --speed N         virtual time runs N times real time (default 1)\n"                                                     \
      "  --seed N          overrides scenario{ seed }\n"                                                                          \
      "  --out DIR         output folder (default ./out): truth.json, hj212.log, series.csv,\n"                                   \
      "                    records.jsonl, alerts.jsonl, report.json, run.log, platform.db\n"                                      \
      "  --platform H:P    also send HJ 212 to this platform (repeatable)\n"                                                      \
      "  --no-detect       no in-process platform\n"                                                                              \
      "  --modbus-port P   port of the first station's endpoint, the next P+1 ... (default\n"                                     \
      "                    0: ephemeral ports); the endpoints are printed at start\n"                                             \
      "  --lib DIR         where require() finds modules (default: the scenario's lib/\n"                                         \
      "                    folder if it has one, else the fraud library: PREFIX/share/\n"                                         \
      "                    hjrange/lib beside an installed PREFIX/bin/hjrange, or the\n"                                           \
      "                    source tree's scenarios/lib)\n"                                                                          \
      "  --shard I/N       run only stations k with k mod N = I-1 (declaration order,\n"                                        \
      "                    from 0); N shards together give the whole run (docs/deploy.md)\n"                                     \
      "  --progress S      seconds between progress lines on stderr (percent, virtual time,\n"                                        \
      "                    elapsed, ETA) when stderr is not a terminal (default 5; 0: none);\n"                                        \
      "                    a terminal shows a progress bar instead\n"                                                                  \
      "  Exit status: 0 done, 1 scenario error (file:line on stderr), 2 usage error,\n"                                           \
      "  130 interrupted (the outputs are written up to that time).\n",                                                           \
      "hjrange run 场景.lua [--fast | --speed N] [--seed N] [--out 目录]\n"                                                   \
      "            [--platform 主机:端口]... [--no-detect] [--modbus-port P] [--lib 目录]\n"                                \
      "            [--shard I/N] [--progress 秒]\n"                                                                                \
      "  在虚拟时钟上运行场景：每个站房通过 Modbus/TCP 提供服务，数采仪经网络轮询并向进程内\n" \
      "  平台及每个 --platform 发送 HJ 212 数据；场景中的操作在其虚拟时刻改变站房状态。\n"           \
      "  --fast            虚拟时间尽快推进，逐事件跳转\n"                                                          \
      "  --speed N         虚拟时间为真实时间的 N 倍（默认 1）\n"                                                  \
      "  --seed N          覆盖 scenario{ seed }\n"                                                                             \
      "  --out 目录        输出目录（默认 ./out）：truth.json、hj212.log、series.csv、\n"                           \
      "                    records.jsonl、alerts.jsonl、report.json、run.log、platform.db\n"                                  \
      "  --platform 主机:端口  同时向该平台发送 HJ 212（可重复）\n"                                              \
      "  --no-detect       不启动进程内平台\n"                                                                            \
      "  --modbus-port P   第一个站房端点的端口，其后 P+1 ...（默认 0：临时端口）；启动时输出\n"      \
      "  --lib 目录        require() 查找模块的目录（默认：场景所在目录的 lib/，否则为造假\n"           \
      "                    手法库：已安装的 前缀/bin/hjrange 用 前缀/share/hjrange/lib，\n"                    \
      "                    否则用源码树的 scenarios/lib）\n"                                                    \
      "  --shard I/N       只运行序号 k 满足 k mod N = I-1 的站房（按声明顺序，从 0 起）；\n"                   \
      "                    N 个分片合起来等于整个运行（见 docs/deploy.md）\n"                                           \
      "  --progress 秒     标准错误输出不是终端时，每隔该秒数输出一行进度（百分比、虚拟时间、\n"                     \
      "                    已用时间、预计剩余时间；默认 5；0：不输出）；终端上显示进度条\n"                              \
      "  退出码：0 完成，1 场景错误（标准错误输出 文件:行号），2 用法错误，\n"                       \
      "  130 被中断（输出写到中断时刻）。\n")                                                                                     \
    X(MSG_CHECK_CMD, "run a scenario's whole timeline against the station models, without the wire, and report its problems", \
      "不经网络，在站房模型上运行场景的整个时间线并报告问题")                                                                      \
    X(MSG_CHECK_HELP,                                                                                                             \
      "hjrange check SCENARIO.lua [--lib DIR]\n"                                                                                  \
      "  Runs the file in the sandbox and then its whole timeline, start to end, against\n"                                      \
      "  the stations as models (physics and instruments on virtual time; no Modbus\n"                                           \
      "  endpoint, no DAU link, no platform): every at/every/after task and every act, as\n"                                      \
      "  `run` would, in seconds. Reports every problem with the scenario's file:line:\n"                                         \
      "  errors (what stops `run`: a bad argument, a typo, an error in a task or a DAU\n"                                         \
      "  filter, a sandbox limit, a missing scenario{} or station{}, an unknown truth\n"                                          \
      "  type or fraud function) and warnings (`run` goes on, but something asked for does\n"                                    \
      "  not happen: a time after the end of the run, a command the analyzer refused).\n"                                       \
      "  Exit status 0 when there is no error (warnings are listed), 1 otherwise, 2 on a\n"                                      \
      "  usage error.\n",                                                                                                         \
      "hjrange check 场景.lua [--lib 目录]\n"                                                                                     \
      "  在沙箱中执行文件，再在站房模型上（物理过程与仪器按虚拟时间推进；不启动 Modbus 端点、\n"     \
      "  数采仪链路和平台）从开始到结束运行整个时间线：如 `run` 一样执行每个 at/every/after\n"       \
      "  任务和每个操作，只需数秒。报告每个问题及其在场景文件中的 文件:行号：错误（会使\n"          \
      "  `run` 停止的问题：参数错误、拼写错误、任务或数采仪过滤函数中的错误、沙箱限制、\n"           \
      "  缺少 scenario{} 或 station{}、未知的真值类型或造假函数）和警告（`run` 继续，但所要求\n"     \
      "  的事没有发生：晚于运行结束的时间、分析仪拒绝的命令）。\n"                                   \
      "  无错误时退出码 0（列出警告），否则 1，用法错误 2。\n")                                       \
    X(MSG_RUN_NEEDS_FILE, "a scenario file is required", "需要场景文件")                                                          \
    X(MSG_RUN_FAST_SPEED, "--fast and --speed exclude each other",                                                                \
      "--fast 与 --speed 不能同时使用")                                                                                           \
    X(MSG_RUN_OUT_FAIL, "cannot write the output folder", "无法写入输出目录")                                                     \
    X(MSG_RUN_RANGE_FAIL, "cannot start the range", "无法启动靶场")                                                               \
    X(MSG_RUN_SCEN_ERROR, "scenario error", "场景错误")                                                                           \
    X(MSG_RUN_WARNING, "warning", "警告")                                                                                         \
    X(MSG_RUN_ENDPOINT, "Modbus/TCP endpoint", "Modbus/TCP 端点")                                                                 \
    X(MSG_RUN_PLATFORM, "in-process platform", "进程内平台")                                                                      \
    X(MSG_RUN_INTERRUPTED, "interrupted", "已中断")                                                                               \
    X(MSG_RUN_SUMMARY_SCEN, "scenario", "场景")                                                                                   \
    X(MSG_RUN_SUMMARY_STATIONS, "stations", "站房")                                                                               \
    X(MSG_RUN_SUMMARY_PACKETS, "HJ 212 records made / frames sent / acknowledged / resent",                                       \
      "HJ 212 记录生成 / 报文发送 / 已确认 / 重发")                                                                               \
    X(MSG_RUN_SUMMARY_EVENTS, "truth events / O&M records", "真值事件 / 运维记录")                                                \
    X(MSG_RUN_SUMMARY_TIME, "wall time, virtual / real", "耗时，虚拟/真实时间比")                                                 \
    X(MSG_RUN_SUMMARY_OUT, "output", "输出")                                                                                      \
    X(MSG_CHECK_OK, "ok", "通过")                                                                                                 \
    X(MSG_CHECK_ERRORS, "error(s)", "个错误")                                                                                     \
    X(MSG_CHECK_WARNINGS, "warning(s)", "个警告")                                                                                 \
    X(MSG_CHECK_REPEATS, "(%s times, the last at %s)", "（共 %s 次，最后一次在 %s）")                                             \
    X(MSG_CHECK_TASKS, "scheduled tasks", "已安排任务")

#endif

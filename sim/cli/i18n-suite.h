/* i18n-suite.h — texts of `hjrange suite`, `hjrange report` and the report drawing
 * (report.c), X(id, English, Chinese). */
#ifndef I18N_SUITE_H
#define I18N_SUITE_H

#define I18N_MESSAGES_SUITE(X)                                                                 \
    X(MSG_SU_CMD, "run every scenario of a folder in parallel, score each, print one table",   \
      "并行运行目录中的全部场景，逐一评分并输出汇总表")                                         \
    X(MSG_SU_HELP,                                                                             \
      "hjrange suite DIR [--jobs N] [--out DIR] [--json FILE] [--junit FILE] [--seed N]\n"    \
      "                  [--platform HOST:PORT [--alerts-from FILE|tcp:HOST:PORT]]\n"          \
      "                  [--grace D] [--tcp-wait S] [--no-report] [--progress S] [--matrix]\n" \
      "hjrange suite --generate K --seed S [the options above] [--types ... --difficulty D]\n" \
      "  Runs every DIR/*.lua (not DIR/lib/) as `hjrange run --fast --out OUT/NAME`, N at a\n" \
      "  time, scores each run's alerts against its truth, writes OUT/NAME/report.png and\n"   \
      "  report.html, and prints one table with a totals row (pooled over all events).\n"     \
      "  --jobs N          runs at once (default: the number of processors)\n"                 \
      "  --out DIR         output folder (default ./suite-out)\n"                              \
      "  --json FILE       the table as JSON (- for stdout)\n"                                 \
      "  --junit FILE      JUnit XML: one testsuite per scenario (- for stdout)\n"             \
      "  --seed N          passed to every run\n"                                              \
      "  --platform H:P    send every run's HJ 212 to this platform (runs get --no-detect)\n"  \
      "  --alerts-from F   the vendor's alerts (alerts.jsonl schema, all scenarios in one\n"   \
      "                    file, split by station MN and run time); tcp:HOST:PORT reads a\n"  \
      "                    JSON-lines stream the vendor pushes while the runs go on\n"        \
      "  --tcp-wait S      seconds to keep reading the stream after the last run (default 10)\n" \
      "  --grace D         detection grace period of the score (default 2h)\n"                 \
      "  --no-report       do not draw report.png / report.html\n"                             \
      "  --progress S      seconds between progress lines on stderr (scenarios done / total,\n" \
      "                    running, elapsed, ETA) when stderr is not a terminal (default 5;\n"  \
      "                    0: none); a terminal shows a progress bar instead\n"               \
      "  --generate K      instead of DIR: write K scenarios drawn from --seed S (as\n"         \
      "                    `hjrange generate`; --types --profiles --kinds --stations --days\n" \
      "                    --honest --difficulty narrow it) into OUT/scenarios, OUT being\n"   \
      "                    --out or a new temporary folder (kept, with the results), and\n"   \
      "                    run that set; the runs keep the scenarios' own seeds\n"            \
      "  --matrix          after the table: the set's recall and type accuracy with 95 %\n"    \
      "                    intervals (Wilson), false alarms at honest stations, and the\n"    \
      "                    confusion matrix of the fraud types (in --json as \"set\");\n"     \
      "                    implied by --generate\n"                                            \
      "  Exit status: 0 every scenario ran (scores are information), 1 a run failed,\n"       \
      "  2 usage error. Details: docs/reports.md.\n",                                          \
      "hjrange suite 目录 [--jobs N] [--out 目录] [--json 文件] [--junit 文件] [--seed N]\n" \
      "                  [--platform 主机:端口 [--alerts-from 文件|tcp:主机:端口]]\n"          \
      "                  [--grace 时长] [--tcp-wait 秒] [--no-report] [--progress 秒] [--matrix]\n" \
      "hjrange suite --generate K --seed S [以上选项] [--types ... --difficulty D]\n"          \
      "  以 `hjrange run --fast --out 输出/名称` 运行 目录/*.lua（不含 目录/lib/），同时运行\n" \
      "  N 个；按各自真值为告警评分，写出 输出/名称/report.png 与 report.html，并输出一张\n"  \
      "  带合计行（所有事件合并计算）的汇总表。\n"                                             \
      "  --jobs N          同时运行数（默认：处理器数）\n"                                     \
      "  --out 目录        输出目录（默认 ./suite-out）\n"                                      \
      "  --json 文件       以 JSON 输出汇总表（- 为标准输出）\n"                               \
      "  --junit 文件      JUnit XML：每个场景一个 testsuite（- 为标准输出）\n"                \
      "  --seed N          传给每次运行\n"                                                     \
      "  --platform 主机:端口  把每次运行的 HJ 212 发往该平台（运行时加 --no-detect）\n"        \
      "  --alerts-from 文件    厂商的告警（alerts.jsonl 格式，全部场景一个文件，按站点 MN\n"   \
      "                    与运行时间拆分）；tcp:主机:端口 读取厂商在运行期间推送的 JSON 行流\n" \
      "  --tcp-wait 秒     最后一次运行结束后继续读取流的秒数（默认 10）\n"                    \
      "  --grace 时长      评分的检出宽限期（默认 2h）\n"                                       \
      "  --no-report       不绘制 report.png / report.html\n"                                  \
      "  --progress 秒     标准错误输出不是终端时，每隔该秒数输出一行进度（已完成/总场景数、\n" \
      "                    运行中、已用时间、预计剩余时间；默认 5；0：不输出）；终端上显示进度条\n" \
      "  --generate K      代替 目录：按 --seed S 抽取 K 个场景（同 `hjrange generate`；\n"     \
      "                    --types --profiles --kinds --stations --days --honest\n"          \
      "                    --difficulty 可限定），写入 输出/scenarios（输出 为 --out，否则为\n" \
      "                    新建的临时目录，与结果一同保留）并运行该场景集；运行沿用场景自身的种子\n" \
      "  --matrix          汇总表之后输出：场景集的检出率与类型准确率及其 95% 置信区间\n"      \
      "                    （Wilson）、正常站点上的误报、造假类型的混淆矩阵（--json 中为\n"    \
      "                    \"set\"）；--generate 时自动输出\n"                                \
      "  退出码：0 全部场景运行完成（得分仅供参考），1 有运行失败，2 用法错误。\n"            \
      "  详见 docs/reports.md。\n")                                                            \
    X(MSG_SU_REPORT_CMD, "(re)draw report.png and report.html of a run's output folder",      \
      "为一次运行的输出目录（重新）绘制 report.png 与 report.html")                           \
    X(MSG_SU_REPORT_HELP,                                                                      \
      "hjrange report OUTDIR [--lang zh|en]\n"                                                 \
      "  Reads OUTDIR/truth.json, series.csv, alerts.jsonl (and the optional station limits\n" \
      "  of report.json) and writes OUTDIR/report.png and OUTDIR/report.html: per station the\n" \
      "  concentration and flow trends, limits, truth windows, alerts, and the score.\n"      \
      "  Exit status: 0 written, 1 cannot read or write, 2 usage error, 3 report.html\n"     \
      "  written without report.png: this hjrange is built without the view (HJ_HEADLESS).\n", \
      "hjrange report 输出目录 [--lang zh|en]\n"                                               \
      "  读取 输出目录/truth.json、series.csv、alerts.jsonl（及 report.json 中可选的站点限值），\n" \
      "  写出 report.png 与 report.html：每个站点的浓度与流量趋势、限值、真值时段、告警及得分。\n" \
      "  退出码：0 已写出，1 无法读取或写入，2 用法错误，3 已写出 report.html 但未绘制\n"    \
      "  report.png：此 hjrange 为无界面构建（HJ_HEADLESS）。\n")                              \
    X(MSG_SU_NEED_DIR, "a folder is required", "需要目录")                                      \
    X(MSG_SU_NO_SCEN, "no *.lua scenario in the folder", "目录中没有 *.lua 场景")               \
    X(MSG_SU_ALERTS_NEEDS_PLATFORM, "--alerts-from needs --platform",                          \
      "--alerts-from 需要同时指定 --platform")                                                 \
    X(MSG_SU_CANNOT_RUN, "cannot start a run", "无法启动运行")                                  \
    X(MSG_SU_CANNOT_WRITE, "cannot write", "无法写入")                                          \
    X(MSG_SU_ALERTS_FAIL, "cannot read the vendor's alerts", "无法读取厂商告警")                \
    X(MSG_SU_ALERTS_UNMATCHED, "alerts that match no scenario (MN and time)",                  \
      "无法对应到任何场景（MN 与时间）的告警")                                                 \
    X(MSG_SU_REPORT_FAIL, "report", "报告")                                                     \
    X(MSG_SU_RUNNING, "running", "运行中")                                                      \
    X(MSG_SU_COL_SCEN, "scenario", "场景")                                                      \
    X(MSG_SU_COL_EVENTS, "events", "事件")                                                      \
    X(MSG_SU_COL_DET, "det", "检出")                                                            \
    X(MSG_SU_COL_RECALL, "recall", "检出率")                                                    \
    X(MSG_SU_COL_TYPE, "type acc", "类型准确")                                                  \
    X(MSG_SU_COL_FA, "FA", "误报")                                                              \
    X(MSG_SU_COL_RED_FA, "red FA", "红色误报")                                                  \
    X(MSG_SU_COL_FA_SD, "FA/st-day", "误报/站日")                                               \
    X(MSG_SU_COL_TTD, "med TTD", "TTD中位")                                                     \
    X(MSG_SU_COL_S, "S", "S")                                                                   \
    X(MSG_SU_COL_NAB, "NAB", "NAB")                                                             \
    X(MSG_SU_COL_STATUS, "run", "运行")                                                         \
    X(MSG_SU_COL_TIME, "time s", "耗时 s")                                                      \
    X(MSG_SU_TOTAL, "TOTAL", "合计")                                                            \
    X(MSG_SU_OK, "ok", "完成")                                                                  \
    X(MSG_SU_FAILED, "FAILED", "失败")                                                          \
    X(MSG_SU_SUMMARY, "scenarios ran / failed", "场景 运行 / 失败")                             \
    /* the report (report.c) */                                                                \
    X(MSG_SU_R_TITLE, "hjrange run report", "hjrange 运行报告")                                 \
    X(MSG_SU_R_RUN, "run", "运行")                                                              \
    X(MSG_SU_R_TZ, "times UTC+8", "时间为北京时间 UTC+8")                                       \
    X(MSG_SU_R_EVENTS, "events", "事件")                                                        \
    X(MSG_SU_R_DETECTED, "detected", "检出")                                                    \
    X(MSG_SU_R_RECALL, "recall", "检出率")                                                      \
    X(MSG_SU_R_FA, "false alarms", "误报")                                                      \
    X(MSG_SU_R_RED_FA, "red", "红色")                                                           \
    X(MSG_SU_R_TTD, "median TTD", "检出时间中位数")                                             \
    X(MSG_SU_R_MIN, "min", "分钟")                                                              \
    X(MSG_SU_R_NA, "n/a", "无")                                                                 \
    X(MSG_SU_R_NO_SCORE, "no score: alerts.jsonl unreadable", "无得分：alerts.jsonl 无法读取")  \
    X(MSG_SU_R_STATION, "station", "站点")                                                      \
    X(MSG_SU_R_NO_DATA, "no data in series.csv", "series.csv 中无数据")                         \
    X(MSG_SU_R_REPORTED, "reported", "上报值")                                                  \
    X(MSG_SU_R_TRUE, "true (at the sampling point)", "真实值（采样点）")                        \
    X(MSG_SU_R_LIMIT, "limit", "限值")                                                          \
    X(MSG_SU_R_WINDOW, "fraud (truth)", "造假时段（真值）")                                     \
    X(MSG_SU_R_YELLOW, "yellow alert", "黄色告警")                                              \
    X(MSG_SU_R_RED, "red alert", "红色告警")                                                    \
    X(MSG_SU_R_GREEN, "green", "绿色")                                                          \
    X(MSG_SU_R_TRUTH_LIST, "truth events", "真值事件")                                          \
    X(MSG_SU_R_ALERT_LIST, "alerts", "告警")                                                    \
    X(MSG_SU_R_COL_ID, "id", "编号")                                                            \
    X(MSG_SU_R_COL_TYPE, "type", "类型")                                                        \
    X(MSG_SU_R_COL_START, "start", "开始")                                                      \
    X(MSG_SU_R_COL_END, "end", "结束")                                                          \
    X(MSG_SU_R_COL_TIME, "time", "时间")                                                        \
    X(MSG_SU_R_COL_LEVEL, "level", "级别")                                                      \
    X(MSG_SU_R_COL_RESULT, "result", "结果")                                                    \
    X(MSG_SU_R_MISSED, "missed", "漏检")                                                        \
    X(MSG_SU_R_MORE, "more stations not drawn", "个站点未绘制")                                 \
    X(MSG_SU_R_COL_FIRST, "first raised", "首次告警")                                           \
    X(MSG_SU_R_COL_LAST, "last raise", "最后告警")                                              \
    X(MSG_SU_R_COL_RAISES, "raises", "告警次数")                                                \
    X(MSG_SU_R_COL_WINDOW, "window", "异常时段")                                                \
    X(MSG_SU_R_COL_EVIDENCE, "evidence", "证据")                                                \
    X(MSG_SU_R_COL_WORK, "work orders of the station (window ± 2 h)",                           \
      "本站运维工单（异常时段前后 2 小时）")                                                    \
    X(MSG_SU_R_ALERTS_NOTE,                                                                      \
      "one row per alert: its highest level (the last raise at that level), when it was "       \
      "first raised, its evidence",                                                              \
      "每条告警一行：最高级别（该级别的最后一次告警）、首次告警时间及其证据")                   \
    X(MSG_SU_R_MORE_ALERTS, "more alerts not listed", "条告警未列出")                           \
    X(MSG_SU_R_NO_PNG, "report.png is not drawn: this hjrange is built without the view "       \
      "(HJ_HEADLESS)", "未绘制 report.png：此 hjrange 为无界面构建（HJ_HEADLESS）")              \
    X(MSG_SU_R_TASK_CALIBRATION, "calibration", "校准")                                         \
    X(MSG_SU_R_TASK_MAINTENANCE, "maintenance", "维护")                                         \
    X(MSG_SU_R_TASK_STANDARD_CHECK, "standard check", "标样核查")                               \
    X(MSG_SU_R_TASK_INSPECTION, "inspection", "巡检")                                           \
    X(MSG_SU_R_TASK_REPAIR, "repair", "维修")

#endif

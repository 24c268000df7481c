/* i18n-score.h — texts of the scorer (score command), X(id, English, Chinese).
 * MSG_SC_<SCORE_T_x> are the labels of score/score.h's text reports, one per SCORE_T_x
 * (cmd-score.c maps them by name, so a missing one does not compile). */
#ifndef I18N_SCORE_H
#define I18N_SCORE_H

#define I18N_MESSAGES_SCORE(X)                                                                \
    X(MSG_SC_CMD, "score alerts or trainees' findings against the ground truth",              \
      "以真值为准为告警或学员发现评分")                                                        \
    X(MSG_SC_HELP,                                                                            \
      "hjrange score TRUTH ALERTS... [--json|--junit] [--grace DURATION]\n"                   \
      "  Scores each ALERTS file (alerts.jsonl, or a trainee's findings in the same\n"       \
      "  format; '-' reads stdin) against TRUTH (truth.json): events detected, recall,\n"    \
      "  time to detect, type accuracy, false alarms (total, red, per station-day),\n"       \
      "  BATADAL S and NAB score (docs/scoring.md). Several ALERTS files give a\n"           \
      "  leaderboard; a team is named by its file name without extension.\n"                 \
      "  --json          print JSON instead of text\n"                                       \
      "  --junit         print JUnit XML for a CI server: one testcase per event (fails\n"   \
      "                  when missed or of the wrong type) and one per false alarm\n"        \
      "  --grace D       an alert up to D after an event's end still detects it\n"           \
      "                  (default 2h; e.g. 30m, 1h30m, 0)\n"                                  \
      "  Exit status: 0 scored, 2 bad usage or bad input (every bad line is listed).\n",     \
      "hjrange score 真值 告警... [--json|--junit] [--grace 时长]\n"                          \
      "  以 真值（truth.json）为准，为每个 告警 文件（alerts.jsonl，或同格式的学员发现；\n"   \
      "  '-' 表示标准输入）评分：检出事件数、检出率、检出用时、类型准确率、误报（总数、\n"    \
      "  红色、每站日）、BATADAL S 和 NAB 得分（见 docs/scoring.md）。多个 告警 文件\n"      \
      "  给出排行榜；队名为文件名去掉扩展名。\n"                                             \
      "  --json          输出 JSON 而非文本\n"                                               \
      "  --junit         输出供 CI 服务器读取的 JUnit XML：每个事件一个测试用例（漏检\n"     \
      "                  或类型错误即失败），每个误报一个测试用例\n"                          \
      "  --grace 时长    事件结束后该时长内的告警仍算检出（默认 2h；如 30m、1h30m、0）\n"     \
      "  退出码：0 评分完成，2 用法错误或输入错误（列出全部错误行）。\n")                     \
    X(MSG_SC_NEEDS_FILES, "needs a truth file and at least one alerts file",                  \
      "需要一个真值文件和至少一个告警文件")                                                    \
    X(MSG_SC_BAD_INPUT, "bad input", "输入错误")                                               \
    X(MSG_SC_FORMATS, "--json and --junit exclude each other", "--json 与 --junit 不能同时使用") \
    X(MSG_SC_SCORE_T_TITLE, "Score", "评分")                                                   \
    X(MSG_SC_SCORE_T_SCENARIO, "scenario", "场景")                                             \
    X(MSG_SC_SCORE_T_TEAM, "team", "队伍")                                                     \
    X(MSG_SC_SCORE_T_RUN, "run", "运行")                                                       \
    X(MSG_SC_SCORE_T_STATIONS, "stations", "站点数")                                           \
    X(MSG_SC_SCORE_T_DAYS, "days", "天数")                                                     \
    X(MSG_SC_SCORE_T_GRACE, "grace (min)", "宽限（分钟）")                                     \
    X(MSG_SC_SCORE_T_EVENTS, "events", "事件数")                                               \
    X(MSG_SC_SCORE_T_DETECTED, "detected", "检出数")                                           \
    X(MSG_SC_SCORE_T_RECALL, "recall", "检出率")                                               \
    X(MSG_SC_SCORE_T_TYPE_ACC, "type accuracy", "类型准确率")                                  \
    X(MSG_SC_SCORE_T_FA, "false alarms", "误报数")                                             \
    X(MSG_SC_SCORE_T_RED_FA, "red false alarms", "红色误报数")                                 \
    X(MSG_SC_SCORE_T_FA_PER_SD, "false alarms per station-day", "每站日误报数")                \
    X(MSG_SC_SCORE_T_UNKNOWN, "alerts for unknown stations", "未知站点的告警")                 \
    X(MSG_SC_SCORE_T_MEDIAN_TTD, "median time to detect (min)", "检出用时中位数（分钟）")       \
    X(MSG_SC_SCORE_T_BATADAL, "BATADAL S", "BATADAL S")                                        \
    X(MSG_SC_SCORE_T_NAB, "NAB score (standard profile)", "NAB 得分（标准配置）")              \
    X(MSG_SC_SCORE_T_EVENT_LIST, "events", "事件")                                             \
    X(MSG_SC_SCORE_T_FA_LIST, "false alarms", "误报")                                          \
    X(MSG_SC_SCORE_T_COL_ID, "id", "编号")                                                     \
    X(MSG_SC_SCORE_T_COL_TYPE, "type", "类型")                                                 \
    X(MSG_SC_SCORE_T_COL_MN, "MN", "MN")                                                       \
    X(MSG_SC_SCORE_T_COL_START, "start", "开始")                                               \
    X(MSG_SC_SCORE_T_COL_TTD, "TTD (min)", "用时（分）")                                       \
    X(MSG_SC_SCORE_T_COL_TYPE_OK, "type ok", "类型对")                                         \
    X(MSG_SC_SCORE_T_COL_ALERTS, "alerts", "告警")                                             \
    X(MSG_SC_SCORE_T_COL_TIME, "time", "时间")                                                 \
    X(MSG_SC_SCORE_T_COL_LEVEL, "level", "级别")                                               \
    X(MSG_SC_SCORE_T_YES, "yes", "是")                                                         \
    X(MSG_SC_SCORE_T_NO, "no", "否")                                                           \
    X(MSG_SC_SCORE_T_MISSED, "missed", "漏检")                                                 \
    X(MSG_SC_SCORE_T_NA, "n/a", "无")                                                          \
    X(MSG_SC_SCORE_T_UNKNOWN_STATION, "unknown station", "未知站点")                           \
    X(MSG_SC_SCORE_T_LEADERBOARD, "Leaderboard", "排行榜")                                     \
    X(MSG_SC_SCORE_T_RANK, "rank", "名次")                                                     \
    X(MSG_SC_SCORE_T_RANK_RULE,                                                               \
      "ranked by NAB score, then recall, then fewer false alarms, then median TTD",           \
      "按 NAB 得分排序，其次检出率，再次误报较少者，再次检出用时中位数较短者")              \
    X(MSG_SC_SCORE_T_LEVEL_GREEN, "green", "绿色")                                             \
    X(MSG_SC_SCORE_T_LEVEL_YELLOW, "yellow", "黄色")                                           \
    X(MSG_SC_SCORE_T_LEVEL_RED, "red", "红色")                                                 \
    X(MSG_SC_SCORE_T_TYPE_UNKNOWN, "unknown", "未知类型")

#endif

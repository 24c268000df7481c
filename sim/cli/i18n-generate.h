/* i18n-generate.h — texts of `hjrange generate` and of `hjrange suite --generate` / --matrix
 * (the set's totals and confusion matrix), X(id, English, Chinese). MSG_GS_<SCORE_SET_T_x>
 * are the labels of score-set.h's text report, one per SCORE_SET_T_x. */
#ifndef I18N_GENERATE_H
#define I18N_GENERATE_H

#define I18N_MESSAGES_GENERATE(X)                                                             \
    X(MSG_GEN_CMD, "write fresh scenarios drawn from the catalogue's space, from a seed",    \
      "按种子从目录空间中抽取并写出全新场景")                                                   \
    X(MSG_GEN_HELP,                                                                           \
      "hjrange generate --seed N [--count K] [--out DIR] [NARROWING OPTIONS]\n"               \
      "  Writes K scenario files DIR/gen-0001.lua ... : stations, frauds of the catalogue\n"  \
      "  with their options and times, honest confounders (O&M with work orders,\n"          \
      "  calibrations, repairs, outages, rain, production stops, upsets), each drawn from\n" \
      "  the ranges of docs/generator.md. Each file says in its header what is staged,\n"    \
      "  when and why. The same seed writes the same files on any machine; scenario i\n"     \
      "  does not depend on K. Every file passes 'hjrange check'.\n"                         \
      "  --seed N          the set's seed (required), 0 .. 2^64-1\n"                          \
      "  --count K         how many scenarios (default 10, at most 100000)\n"                 \
      "  --out DIR         where to write them (default ./generated; created)\n"              \
      "  --types LIST      fraud types to draw from, comma-separated (default: all of the kinds)\n" \
      "  --profiles LIST   plant profiles: dyeing,electroplating,chemical,food,municipal\n"   \
      "  --kinds LIST      station kinds: wastewater,gas,vocs (default wastewater)\n"         \
      "  --stations N|N-M  stations per scenario (default 1-3, at most 6)\n"                  \
      "  --days N|N-M      run length in days (default 2-3, at most 14)\n"                    \
      "  --honest SHARE    share of honest stations, 0..1 (default 0.3)\n"                    \
      "  --difficulty D    easy|normal|hard|mixed (default mixed: drawn per scenario)\n",     \
      "hjrange generate --seed N [--count K] [--out 目录] [限定选项]\n"                        \
      "  写出 K 个场景文件 目录/gen-0001.lua ...：站点、目录中的造假类型及其选项和时间、\n"    \
      "  正常干扰（有工单的运维、校准、维修、停电断网、降雨、停产、工艺波动），均按\n"        \
      "  docs/generator.md 中的范围抽取。每个文件的开头注释写明布置了什么、何时、为何。\n"     \
      "  同一种子在任何机器上写出相同文件；第 i 个场景与 K 无关。每个文件都能通过\n"           \
      "  'hjrange check'。\n"                                                                  \
      "  --seed N          场景集的种子（必填），0 .. 2^64-1\n"                                 \
      "  --count K         场景数（默认 10，最多 100000）\n"                                     \
      "  --out 目录        输出目录（默认 ./generated，自动创建）\n"                             \
      "  --types 列表      抽取的造假类型，逗号分隔（默认全部）\n"                               \
      "  --profiles 列表   工厂类型：dyeing,electroplating,chemical,food,municipal\n"           \
      "  --kinds 列表      站点种类：wastewater,gas,vocs（默认 wastewater）\n"                   \
      "  --stations N|N-M  每个场景的站点数（默认 1-3，最多 6）\n"                               \
      "  --days N|N-M      运行天数（默认 2-3，最多 14）\n"                                      \
      "  --honest 比例     正常站点的比例，0..1（默认 0.3）\n"                                   \
      "  --difficulty D    easy|normal|hard|mixed（默认 mixed：每个场景随机）\n")               \
    X(MSG_GEN_NEED_SEED, "the set is drawn from a seed: give --seed N",                       \
      "场景集由种子抽取：请给出 --seed N")                                                      \
    X(MSG_GEN_WROTE, "scenarios written to", "个场景已写入")                                    \
    X(MSG_GEN_FAIL, "cannot generate", "无法生成")                                              \
    X(MSG_GEN_RANGE, "a number N or a range N-M", "一个数 N 或范围 N-M")                         \
    X(MSG_GEN_SHARE, "a share 0..1", "0..1 之间的比例")                                         \
    X(MSG_GEN_TYPE_KIND, "types staged at the station kinds asked for (--kinds)",              \
      "所选站点类型（--kinds）上可布设的作假类型")                                              \
    X(MSG_GEN_SU_DIR, "generated scenarios", "生成的场景")                                      \
    X(MSG_GEN_SU_DIR_ARG, "--generate writes its own folder: give no DIR",                    \
      "--generate 自行写出场景目录：请勿同时给出 目录")                                          \
    X(MSG_GS_SCORE_SET_T_TITLE, "Set", "场景集")                                                \
    X(MSG_GS_SCORE_SET_T_RUNS, "runs scored", "已评分运行")                                     \
    X(MSG_GS_SCORE_SET_T_EVENTS, "events", "事件")                                              \
    X(MSG_GS_SCORE_SET_T_RECALL, "recall", "检出率")                                            \
    X(MSG_GS_SCORE_SET_T_TYPE_ACC, "type accuracy", "类型准确率")                               \
    X(MSG_GS_SCORE_SET_T_CI, "95 % interval (Wilson)", "95% 置信区间（Wilson）")                 \
    X(MSG_GS_SCORE_SET_T_FA, "false alarms", "误报")                                            \
    X(MSG_GS_SCORE_SET_T_RED, "red", "红色")                                                    \
    X(MSG_GS_SCORE_SET_T_PER_SD, "per station-day", "每站日")                                   \
    X(MSG_GS_SCORE_SET_T_HONEST, "at honest stations", "正常站点上")                            \
    X(MSG_GS_SCORE_SET_T_HONEST_SD, "honest station-days", "正常站日")                          \
    X(MSG_GS_SCORE_SET_T_PER_HONEST_SD, "per honest station-day", "每正常站日")                  \
    X(MSG_GS_SCORE_SET_T_TTD, "median time to detect (min)", "检出用时中位数（分钟）")           \
    X(MSG_GS_SCORE_SET_T_MATRIX, "confusion matrix: truth type (rows) x detected type (columns)", \
      "混淆矩阵：真值类型（行）× 检出类型（列）")                                               \
    X(MSG_GS_SCORE_SET_T_LEGEND, "? detected as unknown, - missed, . none",                   \
      "? 检出为未知类型，- 漏检，. 无")                                                         \
    X(MSG_GS_SCORE_SET_T_COL_TRUTH, "truth type", "真值类型")                                   \
    X(MSG_GS_SCORE_SET_T_COL_N, "n", "数")                                                      \
    X(MSG_GS_SCORE_SET_T_COL_RECALL, "recall", "检出率")                                        \
    X(MSG_GS_SCORE_SET_T_COL_TYPE_OK, "type ok", "类型对")                                      \
    X(MSG_GS_SCORE_SET_T_NA, "n/a", "无")

#endif

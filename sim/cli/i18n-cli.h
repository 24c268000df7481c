/* i18n-cli.h — texts of `hjrange list` and `hjrange registry`, of option errors, of
 * progress lines and of a build without the view, X(id, English, Chinese). */
#ifndef I18N_CLI_H
#define I18N_CLI_H

#define I18N_MESSAGES_CLI(X)                                                                   \
    /* option values (cmd-common.c) */                                                         \
    X(MSG_OPT_FORM_HINT, "An option's value may also follow '=': --out=DIR.",                 \
      "选项的取值也可以写在 '=' 之后：--out=目录。")                                            \
    X(MSG_OPT_NO_VALUE, "option takes no value", "该选项不带取值")                             \
    X(MSG_OPT_VALID, "valid values", "可选值")                                                 \
    X(MSG_OPT_EXPECTED, "expected", "应为")                                                    \
    X(MSG_OPT_FORMS, "accepted forms", "可用格式")                                             \
    X(MSG_OPT_INTEGER, "an integer", "整数")                                                   \
    X(MSG_OPT_NUMBER, "a number in", "数值，范围")                                             \
    X(MSG_OPT_HOSTPORT, "HOST:PORT with a port 1..65535", "主机:端口，端口为 1..65535")       \
    X(MSG_OPT_PATH, "a path, not empty", "非空路径")                                          \
    X(MSG_OPT_ALERTS_FROM, "a file, or tcp:HOST:PORT", "文件，或 tcp:主机:端口")               \
    X(MSG_OPT_FORMS_TIME,                                                                      \
      "HH:MM[:SS] (the first such moment at or after the start), "                            \
      "YYYY-MM-DD HH:MM[:SS] (China time), +DURATION (after the start, e.g. +90m, +1d2h)",     \
      "HH:MM[:SS]（开始时刻当时或之后的第一个该时刻）、YYYY-MM-DD HH:MM[:SS]（北京时间）、"   \
      "+时长（自开始时刻起，如 +90m、+1d2h）")                                                \
    X(MSG_OPT_FORMS_DATETIME, "YYYY-MM-DD HH:MM[:SS] (China time)",                            \
      "YYYY-MM-DD HH:MM[:SS]（北京时间）")                                                     \
    X(MSG_OPT_FORMS_DURATION,                                                                  \
      "90s, 15m, 2h, 1h30m, 2d, 1d12h (whole numbers; units d h m s, each once, in that order)", \
      "90s、15m、2h、1h30m、2d、1d12h（整数；单位 d h m s，各至多一次，按此顺序）")          \
    X(MSG_OPT_FORMS_GRACE, "0, 90s, 30m, 2h, 1h30m, 1.5h, 1d (numbers with units s m h d)",    \
      "0、90s、30m、2h、1h30m、1.5h、1d（数字加单位 s m h d）")                               \
    /* progress lines on a non-terminal */                                                     \
    X(MSG_PROG_ELAPSED, "elapsed", "已用")                                                     \
    X(MSG_PROG_ETA, "ETA", "预计剩余")                                                         \
    X(MSG_PROG_DONE, "done", "完成")                                                           \
    /* a build without the view (cmd-headless.c) */                                            \
    X(MSG_NO_VIEW,                                                                             \
      "this hjrange is built without the view (cmake -DHJ_HEADLESS=ON, no SDL2); `hjrange "    \
      "view` and report.png need a build without HJ_HEADLESS",                                 \
      "此 hjrange 为无界面构建（cmake -DHJ_HEADLESS=ON，不含 SDL2）；`hjrange view` 与 "       \
      "report.png 需要不带 HJ_HEADLESS 的构建")                                                \
    X(MSG_NO_PNG, "not drawn, report.html written without it",                               \
      "未绘制，report.html 已写出（不含该图）")                                                 \
    /* hjrange list */                                                                         \
    X(MSG_LS_CMD, "list the fraud types, plant profiles, station kinds and bundled scenarios", \
      "列出造假类型、工厂类型、站点类型和自带场景")                                            \
    X(MSG_LS_HELP,                                                                             \
      "hjrange list [--json] [--lib DIR]\n"                                                    \
      "  Prints what a scenario can use: the fraud types of the catalogue (the \"type\" of\n"  \
      "  truth.json and alerts.jsonl) with their names in English and Chinese, a line on\n"    \
      "  each and the signals it moves; the plant profiles with their defaults and limits;\n"  \
      "  the station kinds; and the bundled scenarios (the folder holding the fraud library)\n" \
      "  with the first sentence of each file's header comment.\n"                             \
      "  --json          one JSON object instead of text (keys: fraud_types, profiles,\n"      \
      "                  station_kinds, scenarios_dir, scenarios, folders)\n"                  \
      "  --lib DIR       the fraud library whose parent folder holds the scenarios\n"          \
      "                  (default: scenarios/lib of the source tree, else the installed one)\n", \
      "hjrange list [--json] [--lib 目录]\n"                                                   \
      "  列出场景可用的内容：造假类型目录（truth.json 与 alerts.jsonl 中的 \"type\"）及其\n"   \
      "  中英文名称、一行说明和涉及的信号；工厂类型及其默认值和排放限值；站点类型；自带\n"     \
      "  场景（造假手法库所在目录的上一级）及每个文件开头注释的第一句。\n"                    \
      "  --json          输出一个 JSON 对象而非文本（键：fraud_types、profiles、\n"            \
      "                  station_kinds、scenarios_dir、scenarios、folders）\n"                 \
      "  --lib 目录      造假手法库目录，其上一级目录存放场景（默认：源码树中的\n"             \
      "                  scenarios/lib，否则为安装目录）\n")                                    \
    X(MSG_LS_FRAUD, "fraud types: the \"type\" of truth.json and alerts.jsonl (FRAUD-CATALOGUE.md)", \
      "造假类型：truth.json 与 alerts.jsonl 中的 \"type\"（FRAUD-CATALOGUE.md）")              \
    X(MSG_LS_SIGNALS,                                                                          \
      "signals: C concentration, Q flow, St analyzer status/parameters, V camera, Dr door, "   \
      "I facility current, R O&M records",                                                     \
      "信号：C 浓度，Q 流量，St 分析仪状态/参数，V 视频，Dr 门禁，I 设施电流（工况），"       \
      "R 运维记录")                                                                            \
    X(MSG_LS_PROFILES, "plant profiles: station { plant = { profile = \"...\" } }",            \
      "工厂类型：station { plant = { profile = \"...\" } }")                                   \
    X(MSG_LS_FLOW, "flow", "流量")                                                             \
    X(MSG_LS_EFFLUENT, "effluent", "出水")                                                     \
    X(MSG_LS_LIMITS, "limits", "限值")                                                         \
    X(MSG_LS_PR_DYEING, "dyeing", "印染")                                                      \
    X(MSG_LS_PR_ELECTROPLATING, "electroplating", "电镀")                                      \
    X(MSG_LS_PR_CHEMICAL, "chemical", "化工")                                                  \
    X(MSG_LS_PR_FOOD, "food processing", "食品加工")                                           \
    X(MSG_LS_PR_MUNICIPAL, "municipal wastewater treatment", "城镇污水处理")                   \
    X(MSG_LS_PR_COAL_BOILER, "coal-fired boiler", "燃煤锅炉")                                  \
    X(MSG_LS_PR_GAS_BOILER, "gas-fired boiler", "燃气锅炉")                                    \
    X(MSG_LS_PR_GLASS_KILN, "glass furnace", "玻璃窑炉")                                       \
    X(MSG_LS_PR_WASTE_INCINERATOR, "waste incinerator", "垃圾焚烧炉")                          \
    X(MSG_LS_PR_COATING_VOCS, "coating (spray booths, RTO)", "涂装（喷漆房、RTO）")            \
    X(MSG_LS_PR_CHEMICAL_VOCS, "chemical VOCs (RTO)", "化工 VOCs（RTO）")                      \
    X(MSG_LS_FLUE, "flue gas", "烟气量")                                                       \
    X(MSG_LS_O2_REF, "reference O2", "基准氧含量")                                             \
    X(MSG_LS_KINDS, "station kinds", "站点类型")                                               \
    X(MSG_LS_KIND_GAS, "flue gas", "废气")                                                     \
    X(MSG_LS_KIND_GAS_DESC,                                                                    \
      "CEMS: SO2, NOx (NO, NO2), O2 (in situ or extractive), CO, CO2 analyzers, particulate"   \
      " monitor, flue parameters, sampling system (probe, heated line, chiller), bypass"       \
      " damper, door, 2 cameras, facility current meters; HJ 75 data; HJ 212-2017 or -2025",   \
      "CEMS：SO2、NOx（NO、NO2）、O2（原位或抽取）、CO、CO2 分析仪，颗粒物监测仪，烟气参数，"   \
      "采样系统（探头、伴热管线、冷凝器），旁路挡板，门禁，2 台摄像机，设施电流表；"           \
      "HJ 75 数据；HJ 212-2017 或 -2025")                                                      \
    X(MSG_LS_KIND_VOCS, "VOCs", "VOCs")                                                        \
    X(MSG_LS_KIND_VOCS_DESC,                                                                   \
      "GC-FID (THC, CH4, NMHC), flue parameters, sampling system, door, 2 cameras, facility"   \
      " current meters (exhaust fan, RTO); HJ 212-2017 or -2025",                              \
      "GC-FID（总烃、甲烷、非甲烷总烃），烟气参数，采样系统，门禁，2 台摄像机，设施电流表"     \
      "（排风机、RTO）；HJ 212-2017 或 -2025")                                                 \
    X(MSG_LS_KIND_WATER, "wastewater", "废水")                                                 \
    X(MSG_LS_KIND_WATER_DESC,                                                                  \
      "COD (dichromate) or TOC analyzer, NH3-N, TP, TN analyzers, pH probe, flow meter,"      \
      " sampler, door, 2 cameras, facility current meters; HJ 212-2017 or -2025",              \
      "COD（重铬酸盐法）或 TOC 分析仪，氨氮、总磷、总氮分析仪，pH 计，流量计，采样器，门禁，"  \
      "2 台摄像机，设施电流表；HJ 212-2017 或 -2025")                                          \
    X(MSG_LS_SCENARIOS, "bundled scenarios", "自带场景")                                       \
    X(MSG_LS_FOLDER, "scenarios, a suite", "个场景，可作为一个套件运行")                      \
    X(MSG_LS_NO_SCEN, "no scenarios folder found", "未找到场景目录")                           \
    /* hjrange registry */                                                                     \
    X(MSG_RG_CMD, "write the platform's station registry (stations.json) of a scenario",       \
      "生成场景的平台站点登记表（stations.json）")                                             \
    X(MSG_RG_HELP,                                                                             \
      "hjrange registry SCENARIO.lua [--out FILE] [--seed N] [--lib DIR]\n"                    \
      "  Loads the scenario (its top level, as hjrange check) and writes the registry that\n"   \
      "  hjrange detect --stations reads: a JSON array of {\"mn\", \"pw\", \"protocol\"}, one\n" \
      "  entry per station{} in declaration order. A drill organiser starts the platform\n"    \
      "  with it before the run:\n"                                                            \
      "    hjrange registry drill.lua --out stations.json\n"                                   \
      "    hjrange detect --listen 0.0.0.0:9000 --db p.db --alerts a.jsonl --stations stations.json\n" \
      "    hjrange run drill.lua --platform HOST:9000 --no-detect\n"                           \
      "  --out FILE      write to FILE instead of stdout\n"                                    \
      "  --seed N        as hjrange run --seed (a scenario may draw its stations with rand())\n" \
      "  --lib DIR       where require() finds modules (as hjrange run)\n"                     \
      "  Exit status: 0 written, 1 scenario error or cannot write, 2 usage error.\n",           \
      "hjrange registry 场景.lua [--out 文件] [--seed N] [--lib 目录]\n"                       \
      "  加载场景（执行顶层，同 hjrange check），输出 hjrange detect --stations 读取的站点\n"   \
      "  登记表：JSON 数组 {\"mn\", \"pw\", \"protocol\"}，每个 station{} 一项，按声明顺序。\n" \
      "  演练组织者可在运行前用它启动平台：\n"                                                 \
      "    hjrange registry drill.lua --out stations.json\n"                                   \
      "    hjrange detect --listen 0.0.0.0:9000 --db p.db --alerts a.jsonl --stations stations.json\n" \
      "    hjrange run drill.lua --platform 主机:9000 --no-detect\n"                           \
      "  --out 文件      写入该文件而非标准输出\n"                                              \
      "  --seed N        同 hjrange run --seed（场景可能用 rand() 生成站点）\n"                 \
      "  --lib 目录      require() 查找模块的目录（同 hjrange run）\n"                          \
      "  退出码：0 已写出，1 场景错误或无法写入，2 用法错误。\n")                                \
    X(MSG_RG_WRITTEN, "stations written to", "个站点已写入")                                 \
    X(MSG_RG_TOO_LONG, "MN or PW longer than hjrange detect accepts (24 and 6 characters)",    \
      "MN 或 PW 超过 hjrange detect 可接受的长度（24 和 6 个字符）")

#endif

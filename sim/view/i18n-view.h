/* i18n-view.h — texts of the SDL2 training range view (hjrange view), X(id, English, Chinese). */
#ifndef I18N_VIEW_H
#define I18N_VIEW_H

#define I18N_MESSAGES_VIEW(X)                                                                 \
    X(MSG_VW_CMD, "the SDL2 training range: platform screen, station room, cameras, drills",  \
      "SDL2 实训靶场：监控平台、站房、视频监控、演练")                                         \
    X(MSG_VW_HELP,                                                                            \
      "hjrange view SCENARIO.lua [--role trainee|instructor] [--lang zh|en] [--out DIR]\n"    \
      "             [--speed N] [--seed N] [--lib DIR]\n"                                     \
      "             [--at TIME --screenshot FILE [--screen platform|room|camera]]\n"          \
      "             [--bench-frames N]\n"                                                     \
      "  Runs the scenario through the range (stations, Modbus/TCP, DAU, HJ 212, the\n"       \
      "  platform and its detection engine) and shows it: the platform screen (what the\n"    \
      "  duty officer sees), the station room and the camera feeds. The trainee pauses,\n"    \
      "  changes speed, inspects the room, takes grab samples and files findings into\n"      \
      "  DIR/findings.jsonl; at the end of the drill they are scored against the truth.\n"    \
      "  The instructor also sees the truth and stages frauds of the library live.\n"         \
      "  Keys: Space pause, +/- speed, F1 F2 F3 screens, Up/Down station, F finding,\n"      \
      "  E end drill; platform: PgUp/PgDn alerts; station room: I inspect line,\n"           \
      "  C inspect channel, G grab sample, B bottles, L lab results, 1-4 analyzer panel;\n"  \
      "  CEMS room (gas, VOCs): I inspect the heated line, P check the probe, Y the\n"     \
      "  cylinders, M portable analyzer, 1-7 analyzer panel.\n"                            \
      "  --role R          trainee (default) or instructor\n"                                 \
      "  --out DIR         findings.jsonl, alerts.jsonl, platform.db, truth.json (default\n"  \
      "                    out/view)\n"                                                       \
      "  --speed N         initial speed, virtual seconds per real second (default 60)\n"     \
      "  --at TIME         run headless to TIME (scenario time: \"HH:MM\", \"+2h\",\n"          \
      "                    \"YYYY-MM-DD HH:MM\"), draw one frame, write --screenshot FILE\n"   \
      "                    (PNG) and exit\n"                                                  \
      "  --screen S        the screen of the screenshot: platform (default), room, camera\n"  \
      "  --bench-frames N  draw N frames at 1600x900 with the software renderer, print the\n" \
      "                    frame time and exit\n"                                             \
      "  Exit status: 0 done, 1 the view failed (no display, a scenario error), 2 usage\n"   \
      "  error, 3 this hjrange is built without the view (HJ_HEADLESS).\n",                   \
      "hjrange view 场景.lua [--role trainee|instructor] [--lang zh|en] [--out 目录]\n"       \
      "             [--speed N] [--seed N] [--lib 目录]\n"                                    \
      "             [--at 时间 --screenshot 文件 [--screen platform|room|camera]]\n"          \
      "             [--bench-frames N]\n"                                                     \
      "  通过靶场运行场景（站房、Modbus/TCP、数采仪、HJ 212、平台及其检测引擎）并显示：\n"   \
      "  监控平台（值班人员所见）、站房平面图和摄像机画面。学员可暂停、调速、检查站房、\n"   \
      "  现场采样，并将发现写入 目录/findings.jsonl；演练结束时按真实事件评分。\n"           \
      "  教官还能看到真实事件，并可实时布置造假库中的造假。\n"                               \
      "  按键：空格 暂停，+/- 调速，F1 F2 F3 切换画面，上/下 选择站点，F 提交发现，\n"      \
      "  E 结束演练；监控平台：PgUp/PgDn 翻阅预警；站房：I 检查采样管路，C 检查排放渠，\n"  \
      "  G 现场采样，B 采样瓶，L 化验结果，1-4 分析仪面板；CEMS 站房（废气、VOCs）：\n"   \
      "  I 检查伴热管线，P 检查采样探头，Y 检查标准气体，M 便携式仪器比对，1-7 分析仪面板。\n" \
      "  --role R          trainee（学员，默认）或 instructor（教官）\n"                      \
      "  --out 目录        findings.jsonl、alerts.jsonl、platform.db、truth.json（默认\n"     \
      "                    out/view）\n"                                                      \
      "  --speed N         初始倍速（每真实秒的仿真秒数，默认 60）\n"                         \
      "  --at 时间         无界面运行到该时间（\"HH:MM\"、\"+2h\"、\"YYYY-MM-DD HH:MM\"），\n"   \
      "                    绘制一帧，写出 --screenshot 文件（PNG）后退出\n"                   \
      "  --screen S        截图的画面：platform（默认）、room、camera\n"                     \
      "  --bench-frames N  以软件渲染器在 1600x900 下绘制 N 帧，打印帧时间后退出\n"            \
      "  退出码：0 完成，1 界面运行失败（无显示设备、场景错误），2 用法错误，\n"              \
      "  3 此 hjrange 为无界面构建（HJ_HEADLESS）。\n")                                       \
    X(MSG_VW_NEEDS_FILE, "view needs a scenario file", "view 需要一个场景文件")                \
    X(MSG_VW_FAIL, "view failed", "界面运行失败")                                              \
    X(MSG_VW_SHOT_NEEDS_AT, "--screenshot needs --at TIME", "--screenshot 需要 --at 时间")      \
    X(MSG_VW_SHOT_SAVED, "screenshot written", "截图已保存")                                   \
    X(MSG_VW_BENCH, "frame time at 1600x900, software renderer", "1600x900 软件渲染帧时间")      \
    X(MSG_VW_NO_DISPLAY, "no display: SDL cannot open a window that anyone sees",             \
      "没有显示设备：SDL 无法打开可见的窗口")                                                  \
    X(MSG_VW_VIDEO_DRIVER, "video driver", "视频驱动")                                         \
    X(MSG_VW_NO_DISPLAY_HINT,                                                                  \
      "run it on a desktop or under xvfb-run, or draw a frame headless with --at TIME "        \
      "--screenshot FILE",                                                                     \
      "请在桌面环境或 xvfb-run 下运行，或用 --at 时间 --screenshot 文件 无界面绘制一帧")        \
    X(MSG_VW_NO_FONT, "no usable font found through fontconfig", "fontconfig 未找到可用字体")   \
    X(MSG_VW_TITLE, "hjrange training range", "hjrange 实训靶场")                              \
    X(MSG_VW_TAB_PLATFORM, "Platform", "监控平台")                                             \
    X(MSG_VW_TAB_ROOM, "Station room", "站房")                                                 \
    X(MSG_VW_TAB_CAMERA, "Cameras", "视频监控")                                                \
    X(MSG_VW_PAUSED, "paused", "已暂停")                                                       \
    X(MSG_VW_RUNNING, "running", "运行中")                                                     \
    X(MSG_VW_SPEED, "speed", "倍速")                                                           \
    X(MSG_VW_ROLE_TRAINEE, "trainee", "学员")                                                  \
    X(MSG_VW_ROLE_INSTRUCTOR, "instructor", "教官")                                            \
    X(MSG_VW_STATIONS, "Stations", "监测站点")                                                 \
    X(MSG_VW_NO_DATA, "no data yet", "暂无数据")                                               \
    X(MSG_VW_CHART_CONC, "Concentration (mg/L), platform data", "浓度 (mg/L)，平台数据")        \
    X(MSG_VW_CHART_FLOW, "Flow (L/s), platform data", "流量 (L/s)，平台数据")                  \
    X(MSG_VW_LIMIT, "limit", "限值")                                                           \
    X(MSG_VW_PACKETS, "HJ 212 packets received", "接收的 HJ 212 报文")                         \
    X(MSG_VW_ALERTS, "Alerts", "预警")                                                         \
    X(MSG_VW_NO_ALERTS, "no alerts", "暂无预警")                                               \
    X(MSG_VW_UPDATED, "last raised", "最近更新")                                                \
    X(MSG_VW_NEWER, "newer alerts above (PgUp)", "条较新的预警在上方（PgUp）")                  \
    X(MSG_VW_OLDER, "older alerts below (PgDn)", "条较早的预警在下方（PgDn）")                  \
    X(MSG_VW_FINDINGS, "My findings", "我的发现")                                              \
    X(MSG_VW_ANALYZERS, "analyzers", "分析仪")                                                 \
    X(MSG_VW_SAMPLE_LINE, "sample line", "采样管路")                                           \
    X(MSG_VW_SAMPLER, "sampler", "自动采样器")                                                 \
    X(MSG_VW_DOOR, "door", "门禁")                                                             \
    X(MSG_VW_DOOR_OPEN, "door open", "门已打开")                                               \
    X(MSG_VW_DOOR_CLOSED, "door closed", "门已关闭")                                           \
    X(MSG_VW_CHANNEL, "discharge channel", "排放渠")                                           \
    X(MSG_VW_OUTFALL, "OUTFALL", "排放口")                                                     \
    X(MSG_VW_CHART_COD, "COD (w01018), mg/L", "化学需氧量 COD (w01018)，mg/L")                  \
    X(MSG_VW_CHART_N_P, "NH3-N (w21003) and TP (w21011), mg/L",                                \
      "氨氮 (w21003) 与总磷 (w21011)，mg/L")                                                   \
    X(MSG_VW_CHART_C_P, "Conductivity (w01014), µS/cm, and pH (w01001)",                       \
      "电导率 (w01014)，µS/cm，与 pH (w01001)")                                                \
    X(MSG_VW_S_COD, "COD", "化学需氧量")                                                       \
    X(MSG_VW_S_NH3N, "NH3-N", "氨氮")                                                          \
    X(MSG_VW_S_TP, "TP", "总磷")                                                               \
    X(MSG_VW_S_FLOW, "flow", "流量")                                                           \
    X(MSG_VW_S_COND, "conductivity", "电导率")                                                 \
    X(MSG_VW_S_PH, "pH", "pH")                                                                 \
    X(MSG_VW_AXIS_LEFT, "left axis", "左轴")                                                   \
    X(MSG_VW_AXIS_RIGHT, "right axis", "右轴")                                                 \
    X(MSG_VW_TAP, "tap", "自来水龙头")                                                         \
    X(MSG_VW_BUCKET, "bucket", "水桶")                                                         \
    X(MSG_VW_FLOWMETER, "flow meter", "流量计")                                                \
    X(MSG_VW_CAM_STATION, "station camera", "站房摄像机")                                      \
    X(MSG_VW_CAM_OUTFALL, "outfall camera", "排口摄像机")                                      \
    X(MSG_VW_COVERED, "covered", "镜头被遮挡")                                                 \
    X(MSG_VW_NO_SIGNAL, "NO SIGNAL (video loss)", "无信号（视频丢失）")                        \
    X(MSG_VW_OFF_PRESET, "off preset", "偏离预置位")                                           \
    X(MSG_VW_ON_PRESET, "on preset", "处于预置位")                                             \
    X(MSG_VW_PEOPLE, "people", "人员")                                                         \
    X(MSG_VW_PIPE, "pipe", "管道")                                                             \
    X(MSG_VW_HIDDEN_PIPE, "hidden pipe found", "发现暗管")                                     \
    X(MSG_VW_NO_PIPE, "no added pipe found", "未发现外接管道")                                 \
    X(MSG_VW_HOSE_TAP, "hose on the tap!", "采样管接在自来水上！")                             \
    X(MSG_VW_HOSE_BUCKET, "hose in a bucket!", "采样管插在水桶里！")                           \
    X(MSG_VW_HOSE_CHANNEL, "hose draws from the channel", "采样管从排放渠取水")                \
    X(MSG_VW_NOT_INSPECTED, "not inspected", "未检查")                                         \
    X(MSG_VW_INSPECTED_AT, "inspected at", "检查时间")                                         \
    X(MSG_VW_INSPECT_LINE, "Inspect sample line", "检查采样管路")                              \
    X(MSG_VW_INSPECT_CHANNEL, "Inspect channel", "检查排放渠")                                 \
    X(MSG_VW_GRAB, "Grab sample", "现场采样")                                             \
    X(MSG_VW_BOTTLES, "Sampler bottles", "采样器留样瓶")                                       \
    X(MSG_VW_ANALYZER_PANEL, "Analyzer panel", "分析仪面板")                                   \
    X(MSG_VW_FILE_FINDING, "File finding", "提交发现")                                         \
    X(MSG_VW_END_DRILL, "End drill", "结束演练")                                               \
    X(MSG_VW_LAB, "Lab results", "化验结果")                      \
    X(MSG_VW_PENDING, "pending", "检测中")                                                     \
    X(MSG_VW_FINDING_TITLE, "New finding", "新发现")                                           \
    X(MSG_VW_F_TYPE, "type", "类型")                                                           \
    X(MSG_VW_F_START, "start", "开始")                                                         \
    X(MSG_VW_F_END, "end", "结束")                                                             \
    X(MSG_VW_F_EVIDENCE, "evidence", "证据")                                                   \
    X(MSG_VW_F_HINT, "Tab: next field   Up/Down: type   Enter: file   Esc: cancel",            \
      "Tab：下一栏   上/下：类型   回车：提交   Esc：取消")                                     \
    X(MSG_VW_F_FILED, "finding filed", "发现已提交")                                           \
    X(MSG_VW_F_BAD_TIME, "bad time (HH:MM or YYYY-MM-DD HH:MM)",                               \
      "时间无效（HH:MM 或 YYYY-MM-DD HH:MM）")                                                 \
    X(MSG_VW_F_WRITE_FAIL, "cannot write findings.jsonl", "无法写入 findings.jsonl")           \
    X(MSG_VW_SCORE, "Score of the drill", "演练评分")                                          \
    X(MSG_VW_EVENTS, "events", "事件")                                                         \
    X(MSG_VW_DETECTED, "detected", "已发现")                                                   \
    X(MSG_VW_TYPE_OK, "type correct", "类型正确")                                              \
    X(MSG_VW_FALSE, "false findings", "误报")                                                  \
    X(MSG_VW_NAB, "NAB score", "NAB 得分")                                                     \
    X(MSG_VW_DRILL_OVER, "Drill over", "演练结束")                                             \
    X(MSG_VW_TRUTH, "Truth (instructor only)", "真实事件（仅教官可见）")                       \
    X(MSG_VW_ACTIVE, "active", "进行中")                                                       \
    X(MSG_VW_STAGE, "Stage a fraud on the selected station", "在所选站点布置造假")              \
    X(MSG_VW_STAGED, "staged", "已布置")                                                       \
    X(MSG_VW_STAGE_FAIL, "staging failed", "布置失败")                                         \
    X(MSG_VW_PARAMS, "parameters", "参数")                                                     \
    X(MSG_VW_LOG, "last measurements", "最近测量")                                             \
    X(MSG_VW_STATE, "state", "状态")                                                           \
    X(MSG_VW_CHANGES, "parameter changes", "参数修改记录")                                     \
    X(MSG_VW_MANUAL, "manual", "手动")                                                         \
    X(MSG_VW_MINUTES, "min", "分钟")                                                           \
    X(MSG_VW_PAN, "pan", "水平")                                                               \
    X(MSG_VW_TILT, "tilt", "俯仰")                                                             \
    X(MSG_VW_CANCEL, "Cancel (Esc)", "取消 (Esc)")                                             \
    X(MSG_VW_AP_INTERVAL, "cycle", "测量周期")                                                 \
    X(MSG_VW_AP_DIGEST_TEMP, "digestion temperature", "消解温度")                              \
    X(MSG_VW_AP_DIGEST_TIME, "digestion time", "消解时长")                                     \
    X(MSG_VW_AP_DIGESTION, "digestion", "消解")                                                \
    X(MSG_VW_AP_RANGE, "range", "量程")                                                        \
    X(MSG_VW_AP_RANGE_LO, "range low", "量程下限")                                             \
    X(MSG_VW_AP_RANGE_HI, "range high", "量程上限")                                            \
    X(MSG_VW_AP_SLOPE, "slope", "斜率")                                                        \
    X(MSG_VW_AP_INTERCEPT, "intercept", "截距")                                                \
    X(MSG_VW_AP_STD_LABEL, "standard (label)", "标准溶液标称值")                               \
    X(MSG_VW_AP_SPAN_LABEL, "span standard (label)", "跨度溶液标称值")                         \
    X(MSG_VW_AP_DETECTION_LIMIT, "detection limit", "检出限")                                  \
    X(MSG_VW_AP_DILUTION, "dilution", "稀释倍数")                                              \
    X(MSG_VW_AP_TOC_FACTOR, "TOC factor", "TOC 转换系数")                                      \
    X(MSG_VW_AP_TOC_OFFSET, "TOC offset", "TOC 转换截距")                                      \
    X(MSG_VW_BOTTLE, "bottle", "瓶")                                                           \
    X(MSG_VW_EMPTY, "empty", "空")                                                             \
    X(MSG_VW_RETAINED, "retained", "留样")                                                     \
    X(MSG_VW_FILLED, "filled", "已采样")                                                       \
    X(MSG_VW_KEY_SPACE, "Space", "空格")                                                       \
    X(MSG_VW_K_PAUSE, "pause", "暂停")                                                         \
    X(MSG_VW_K_SPEED, "speed", "调速")                                                         \
    X(MSG_VW_K_SCREENS, "screens", "切换画面")                                                 \
    X(MSG_VW_K_STATION, "station", "选择站点")                                                 \
    X(MSG_VW_K_FINDING, "file a finding", "提交发现")                                          \
    X(MSG_VW_K_END, "end the drill", "结束演练")                                               \
    X(MSG_VW_K_ALERTS, "scroll the alerts", "翻阅预警")                                        \
    X(MSG_VW_K_LINE, "inspect the sample line", "检查采样管路")                                \
    X(MSG_VW_K_CHANNEL, "inspect the channel", "检查排放渠")                                   \
    X(MSG_VW_K_GRAB, "grab sample", "现场采样")                                                \
    X(MSG_VW_K_BOTTLES, "sampler bottles", "采样器留样瓶")                                     \
    X(MSG_VW_K_LAB, "lab results", "化验结果")                                                 \
    X(MSG_VW_K_ANALYZER, "analyzer panel", "分析仪面板")                                       \
    X(MSG_VW_AS_IDLE, "idle", "空闲")                                                          \
    X(MSG_VW_AS_MEASURING, "measuring", "测量中")                                              \
    X(MSG_VW_AS_CHECK, "check", "核查中")                                                      \
    X(MSG_VW_AS_INIT, "initialising", "初始化")                                                \
    X(MSG_VW_AS_MAINT, "maintenance", "维护")                                                  \
    X(MSG_VW_AS_FAULT, "fault", "故障")                                                        \
    X(MSG_VW_AS_CAL, "calibrating", "校准中")                                                  \
    X(MSG_VW_AS_STANDBY, "standby", "待机")                                                    \
    X(MSG_VW_SCHEDULED, "scheduled", "定时")                                                   \
    X(MSG_VW_OVERLIMIT, "over limit", "超标留样")                                            \
    X(MSG_VW_CEMS_ROOM, "CEMS room", "CEMS 站房")                                              \
    X(MSG_VW_CABINET, "analyzer cabinet", "分析仪机柜")                                        \
    X(MSG_VW_CHILLER, "chiller", "冷凝器")                                                     \
    X(MSG_VW_CYLINDERS, "calibration cylinders", "标准气体钢瓶")                               \
    X(MSG_VW_HEATED_LINE, "heated line", "伴热管线")                                           \
    X(MSG_VW_PROBE, "sampling probe", "采样探头")                                              \
    X(MSG_VW_FILTER, "filter", "滤芯")                                                         \
    X(MSG_VW_BLOWBACK, "blowback", "反吹")                                                     \
    X(MSG_VW_FLUE_PROBES, "flue probes", "烟气参数探头")                                       \
    X(MSG_VW_VELOCITY, "velocity", "流速")                                                     \
    X(MSG_VW_TEMPERATURE, "temperature", "温度")                                               \
    X(MSG_VW_PRESSURE, "static pressure", "静压")                                              \
    X(MSG_VW_HUMIDITY, "humidity", "湿度")                                                     \
    X(MSG_VW_DAMPER, "bypass damper", "旁路挡板")                                              \
    X(MSG_VW_DAMPER_SIGNAL, "signal", "信号")                                                  \
    X(MSG_VW_DAMPER_POS, "indicator", "指示")                                                  \
    X(MSG_VW_FACILITIES, "facility current meters", "工况用电监控")                            \
    X(MSG_VW_FAC_FAN, "ID fan", "引风机")                                                      \
    X(MSG_VW_FAC_FGD, "FGD", "脱硫")                                                           \
    X(MSG_VW_FAC_SCR, "SCR", "脱硝")                                                           \
    X(MSG_VW_FAC_BAG, "bag filter", "布袋除尘")                                                \
    X(MSG_VW_FAC_RTO, "RTO", "RTO 焚烧炉")                                                     \
    X(MSG_VW_PLANT_RUNNING, "plant running", "生产运行")                                       \
    X(MSG_VW_PLANT_STOPPED, "plant stopped", "生产停运")                                       \
    X(MSG_VW_LOAD, "load", "负荷")                                                             \
    X(MSG_VW_STACK, "STACK", "烟囱")                                                           \
    X(MSG_VW_SS_SAMPLING, "sampling", "采样")                                                  \
    X(MSG_VW_SS_RECOVERY, "recovery", "恢复")                                                  \
    X(MSG_VW_SS_STOPPED, "pump off", "采样泵停")                                               \
    X(MSG_VW_SAMPLE_FLOW, "sample flow", "采样流量")                                           \
    X(MSG_VW_SET, "set", "设定")                                                               \
    X(MSG_VW_ALARM, "alarm", "报警")                                                           \
    X(MSG_VW_BAND_OK, "in its band", "在正常范围内")                                           \
    X(MSG_VW_BAND_BAD, "out of its band!", "超出正常范围！")                                   \
    X(MSG_VW_INSPECT_GLINE, "Inspect line", "检查伴热管线")                                    \
    X(MSG_VW_CHECK_PROBE, "Check probe", "检查探头")                                           \
    X(MSG_VW_INSPECT_CYL, "Cylinders", "检查标气")                                             \
    X(MSG_VW_PORTABLE, "Portable analyzer", "便携式仪器比对")                                  \
    X(MSG_VW_K_GLINE, "inspect the heated line and the chiller", "检查伴热管线与冷凝器")       \
    X(MSG_VW_K_PROBE, "check the probe", "检查采样探头")                                       \
    X(MSG_VW_K_CYL, "inspect the cylinders", "检查标准气体")                                   \
    X(MSG_VW_K_PORTABLE, "portable analyzer", "便携式仪器比对监测")                            \
    X(MSG_VW_LINE_FOUND, "thermometer: line", "测温：管线")                                    \
    X(MSG_VW_LEAK_FOUND, "leak test: air drawn in at the probe", "气密检查：探头处漏入空气")    \
    X(MSG_VW_NO_LEAK, "leak test: the probe is tight", "气密检查：探头密封良好")               \
    X(MSG_VW_CLOGGED, "clogged", "堵塞")                                                       \
    X(MSG_VW_BLOWBACKS, "blowbacks", "反吹次数")                                               \
    X(MSG_VW_GP_ZERO_LABEL, "zero gas (label)", "零气标称值")                                  \
    X(MSG_VW_GP_SPAN_LABEL, "span gas (label)", "量程气标称值")                                \
    X(MSG_VW_GP_LAST_CAL, "last calibration", "最近校准")                                      \
    X(MSG_VW_GP_CHECKS, "checks (* calibrated)", "核查记录（* 已校准）")                       \
    X(MSG_VW_GP_ZERO, "zero", "零点")                                                          \
    X(MSG_VW_GP_SPAN, "span", "量程")                                                          \
    X(MSG_VW_GP_ERROR, "error", "误差")                                                        \
    X(MSG_VW_GP_FLAME, "flame", "火焰")                                                        \
    X(MSG_VW_GP_LIT, "lit", "点燃")                                                            \
    X(MSG_VW_GP_OUT, "out", "熄灭")                                                            \
    X(MSG_VW_GP_SAMPLE, "sample", "样气")                                                      \
    X(MSG_VW_GP_LABEL, "label", "标签")                                                        \
    X(MSG_VW_GP_READS, "reads", "实测")                                                        \
    X(MSG_VW_GP_NOT_CHECKED, "not checked on site", "现场未核对")                              \
    X(MSG_VW_CYL_OK, "matches its label", "与标签相符")                                        \
    X(MSG_VW_CYL_DIFFERS, "differs from its label!", "与标签不符！")                           \
    X(MSG_VW_PORTABLE_TITLE, "Portable analyzer at the sampling port, against the CEMS",      \
      "便携式仪器（采样孔）与 CEMS 比对")                                                      \
    X(MSG_VW_GP_PORTABLE, "portable", "便携")                                                  \
    X(MSG_VW_GP_CONV, "conv.", "折算")                                                         \
    X(MSG_VW_GC_CYCLE, "GC cycle", "色谱周期")                                                 \
    X(MSG_VW_CHART_SO2, "SO2 (a21026), mg/m3: measured and converted",                         \
      "二氧化硫 (a21026)，mg/m3：实测与折算")                                                  \
    X(MSG_VW_CHART_NOX, "NOx (a21002), mg/m3: measured and converted",                         \
      "氮氧化物 (a21002)，mg/m3：实测与折算")                                                  \
    X(MSG_VW_CHART_PM, "Particulate (a34013), mg/m3: measured and converted",                  \
      "颗粒物 (a34013)，mg/m3：实测与折算")                                                    \
    X(MSG_VW_CHART_NMHC, "NMHC (a24088), mg/m3 as C: measured and converted",                  \
      "非甲烷总烃 (a24088)，mg/m3（以碳计）：实测与折算")                                      \
    X(MSG_VW_CHART_NMHC_M, "NMHC (a24088), mg/m3 as C", "非甲烷总烃 (a24088)，mg/m3（以碳计）")  \
    X(MSG_VW_CHART_GFLOW, "Flue-gas flow (a00000), m3/h, and O2 (a19001), %",                 \
      "烟气流量 (a00000)，m3/h，与氧含量 (a19001)，%")                                         \
    X(MSG_VW_S_MEAS, "measured", "实测")                                                       \
    X(MSG_VW_S_CONV, "converted", "折算")                                                      \
    X(MSG_VW_S_O2, "O2", "氧含量")

#endif

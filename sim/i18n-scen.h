/*
 * i18n-scen.h — what a scenario writer reads: errors of the API bindings, sandbox kills
 * and limits, scheduler errors, check's warnings, the fraud library's messages.
 * X(id, English, Chinese). The texts are scmsg templates (scmsg.h): "%s" the next
 * argument, "%N$s" argument N, "%%" a percent sign; both languages use the same arguments.
 * Rows whose id starts with MSG_LIB_ are also handed to the Lua library modules
 * (hjrange.text("lib_unknown_option", ...) in fraud.lua): the key is the id after "MSG_",
 * in lower case.
 */
#ifndef I18N_SCEN_H
#define I18N_SCEN_H

#define I18N_MESSAGES_SCEN(X)                                                                 \
    X(MSG_SC_WARNING_LINE, "warning: %s", "警告：%s")                                            \
    X(MSG_SC_INSIDE_LIB, "(inside %s)", "（位于 %s）")                                          \
    X(MSG_SC_DEFERRED, "%s (called at the top level: done at the start)",                      \
      "%s（在文件顶层调用：于开始时执行）")                                                     \
    X(MSG_SC_CMD_REFUSED, "%s(\"%s\") refused: %s", "%s(\"%s\") 被拒绝：%s")                   \
    X(MSG_SC_CMD_REFUSED_WAIT, "%s(\"%s\") refused, also after waiting %s: %s",                \
      "%s(\"%s\") 被拒绝，等待 %s 后仍被拒绝：%s")                                              \
    X(MSG_SC_CMD_BUSY,                                                                       \
      "the %s analyzer is busy (a measurement or check is running; \"restart\" aborts it, "  \
      "{ wait = \"30m\" } tries again every minute)",                                        \
      "%s 分析仪忙（正在测量或核查；\"restart\" 可中止，{ wait = \"30m\" } 每分钟重试一次）") \
    X(MSG_SC_CMD_FAULT, "the %s analyzer is in fault", "%s 分析仪处于故障状态")                  \
    X(MSG_SC_CMD_REFUSED_OTHER, "the %s analyzer refused it", "%s 分析仪拒绝执行")               \
    X(MSG_SC_WAIT_NEEDS_TASK,                                                                \
      "%s: wait needs a function started by at, every or after (it sleeps)",                  \
      "%s：wait 只能用在由 at、every 或 after 启动的函数中（需要 sleep）")                        \
    X(MSG_SC_BAD_DURATION_FIELD, "%s: %s: bad duration \"%s\" (expected %s)",                  \
      "%s：%s：无效的时长 \"%s\"（应为 %s）")                                                  \
    X(MSG_SC_NO_FIELD, "%s has no field '%s' (fields: %s)", "%s 没有字段 '%s'（字段：%s）")       \
    X(MSG_SC_NO_FIELD_MEAN, "%s has no field '%s' (did you mean '%s'?)",                       \
      "%s 没有字段 '%s'（是否应为 '%s'？）")                                                    \
    X(MSG_SC_NO_METHOD, "%s has no method '%s' (methods: %s)", "%s 没有方法 '%s'（方法：%s）")    \
    X(MSG_SC_NO_METHOD_MEAN, "%s has no method '%s' (did you mean '%s'?)",                     \
      "%s 没有方法 '%s'（是否应为 '%s'？）")                                                    \
    X(MSG_SC_NO_METHODS, "%s has no method '%s' (it has none)", "%s 没有方法 '%s'（它没有任何方法）") \
    /* the fraud library (scenarios/lib/fraud.lua), and the forms of times and durations \
       that the C side's messages list too */                                               \
    X(MSG_LIB_TIME_FORMS, "\"HH:MM\", \"YYYY-MM-DD HH:MM\" or \"+DURATION\"",                   \
      "\"HH:MM\"、\"YYYY-MM-DD HH:MM\" 或 \"+时长\"")                                            \
    X(MSG_LIB_DURATION_FORMS, "e.g. \"90s\", \"15m\", \"2h\", \"1h30m\", \"2d\"",                 \
      "\"90s\"、\"15m\"、\"2h\"、\"1h30m\"、\"2d\" 等")                                         \
    X(MSG_LIB_FAIL, "fraud.%s: %s", "fraud.%s：%s")                                           \
    X(MSG_LIB_FIELD, "%s: %s", "%s：%s")                                                      \
    X(MSG_LIB_BAD_TIME, "bad time %s (expected %s)", "无效的时间 %s（应为 %s）")                 \
    X(MSG_LIB_BAD_DURATION, "bad duration %s (expected %s)", "无效的时长 %s（应为 %s）")         \
    X(MSG_LIB_OPTIONS_TABLE, "options must be a table, got %s", "选项必须是表，实际为 %s")        \
    X(MSG_LIB_UNKNOWN_OPTION, "unknown option '%s' (options: %s)", "未知选项 '%s'（可用选项：%s）") \
    X(MSG_LIB_UNKNOWN_OPTION_MEAN, "unknown option '%s' (did you mean '%s'? options: %s)",     \
      "未知选项 '%s'（是否应为 '%s'？可用选项：%s）")                                             \
    X(MSG_LIB_IN_PAST, "%s %s is in the past (now %s)", "%s %s 已是过去的时间（现在 %s）")        \
    X(MSG_LIB_AT_LEAST, "%s must be at least %s", "%s 至少应为 %s")                              \
    X(MSG_LIB_NUMBER, "%s must be a number", "%s 必须是数字")                                     \
    X(MSG_LIB_NUMBER_IN, "%s must be a number in %s..%s", "%s 必须是 %s..%s 之间的数字")          \
    X(MSG_LIB_POSITIVE, "%s must be a positive number", "%s 必须是正数")                          \
    X(MSG_LIB_NONNEGATIVE, "%s must be a non-negative number", "%s 必须是非负数")                 \
    X(MSG_LIB_INTEGER_IN, "%s must be an integer in %s..%s", "%s 必须是 %s..%s 之间的整数")       \
    X(MSG_LIB_BOOLEAN, "%s must be true or false", "%s 必须是 true 或 false")                     \
    X(MSG_LIB_ONE_OF, "%s must be one of %s (got %s)", "%s 必须是 %s 之一（实际为 %s）")           \
    X(MSG_LIB_ONE_OF_MEAN, "%1$s must be one of %4$s (got %2$s: did you mean \"%3$s\"?)",       \
      "%1$s 必须是 %4$s 之一（实际为 %2$s：是否应为 \"%3$s\"？）")                                \
    X(MSG_LIB_STRING, "%s must be a non-empty string", "%s 必须是非空字符串")                     \
    X(MSG_LIB_CARD, "card must be a card number string, or false for a forced entry",          \
      "card 必须是卡号字符串，强行进入时为 false")                                                \
    X(MSG_LIB_WATER, "%s must be a table of qualities, e.g. { cod = 40, nh3n = 1.2 }",          \
      "%s 必须是水质表，如 { cod = 40, nh3n = 1.2 }")                                             \
    X(MSG_LIB_CAMERA_FIELD, "unknown field '%s' (which, how, pan)",                            \
      "未知字段 '%s'（可用：which、how、pan）")                                                    \
    X(MSG_LIB_CAMERA_SPEC, "%s must be true, \"station\", \"outfall\" or { which =, how =, pan = }", \
      "%s 必须是 true、\"station\"、\"outfall\" 或 { which =, how =, pan = }")                     \
    X(MSG_LIB_PAN, "pan must be a number in (0, 180] degrees", "pan 必须是 (0, 180] 度之间的数")   \
    X(MSG_LIB_NO_CAMERA, "the station has no %s camera", "该站房没有 %s 摄像头")                   \
    X(MSG_LIB_NOT_STATION_TABLE,                                                               \
      "the first argument must be the station (what station{} returns), got a table: write "   \
      "fraud.%s(st, { ... })",                                                                 \
      "第一个参数必须是站房（station{} 的返回值），实际为表：应写作 fraud.%s(st, { ... })")          \
    X(MSG_LIB_NOT_STATION, "the first argument must be the station (what station{} returns), got %s", \
      "第一个参数必须是站房（station{} 的返回值），实际为 %s")                                      \
    X(MSG_LIB_NO_ANALYZER, "the station has no %s analyzer", "该站房没有 %s 分析仪")               \
    X(MSG_LIB_CODES, "%s must be a code or a list of codes, e.g. { \"w01018\", \"w21003\" }",    \
      "%s 必须是一个代码或代码列表，如 { \"w01018\", \"w21003\" }")                                 \
    X(MSG_LIB_UNKNOWN_CODE, "unknown code %s", "未知代码 %s")                                    \
    X(MSG_LIB_CUSTOM_WATER, "source \"custom\" needs water = { cod = ..., ... }",               \
      "source \"custom\" 需要 water = { cod = ..., ... }")                                       \
    X(MSG_LIB_DAYS_DURATION, "days > 1 needs a duration shorter than 1d",                      \
      "days > 1 时 duration 必须短于 1d")                                                         \
    X(MSG_LIB_DAYS_HOSE, "days > 1 needs duration + hose_extra shorter than 1d",               \
      "days > 1 时 duration + hose_extra 必须短于 1d")                                            \
    X(MSG_LIB_HOSE, "hose must be \"tap\", \"bucket\" or false", "hose 必须是 \"tap\"、\"bucket\" 或 false") \
    X(MSG_LIB_FACILITIES, "%s must be a list of facility names", "%s 必须是设施名称列表")          \
    X(MSG_LIB_NO_FACILITY, "the station has no facility %s", "该站房没有设施 %s")                  \
    X(MSG_LIB_RESTORE, "restore must be given to undo %s (its registered value)",              \
      "要撤销 %s 必须给出 restore（其登记值）")                                                    \
    X(MSG_LIB_MODE_CAP, "mode \"cap\" needs cap (or limit)", "mode \"cap\" 需要 cap（或 limit）")  \
    X(MSG_LIB_MODE_OFFSET, "mode \"offset\" needs offset", "mode \"offset\" 需要 offset")          \
    X(MSG_LIB_FACTOR_ONE, "factor 1 changes nothing", "factor 为 1 时不起作用")                    \
    X(MSG_LIB_METHOD_VALUE, "method \"%s\" needs value (the constant written)",                 \
      "method \"%s\" 需要 value（写入的常数）")                                                     \
    X(MSG_LIB_BOTTLE_FACTOR,                                                                   \
      "%s must be a number in %s..%s (the bottle stronger than its label: readings low)",       \
      "%s 必须是 %s..%s 之间的数（标液浓度高于标签：读数偏低）")                                     \
    X(MSG_LIB_NO_FUNCTION, "%s has no function '%s' (functions: %s)",                          \
      "%s 没有函数 '%s'（函数：%s）")                                                           \
    X(MSG_LIB_NO_FUNCTION_MEAN, "%s has no function '%s' (did you mean '%s'?)",                \
      "%s 没有函数 '%s'（是否应为 '%s'？）")                                                    \
    X(MSG_SC_UNKNOWN_FIELD, "%s: unknown field '%s' (known: %s)", "%s：未知字段 '%s'（可用：%s）") \
    X(MSG_SC_UNKNOWN_FIELD_MEAN, "%s: unknown field '%s' (did you mean '%s'? known: %s)",       \
      "%s：未知字段 '%s'（是否应为 '%s'？可用：%s）")                                             \
    X(MSG_SC_LIST_ITEM, "%s: unexpected list item [%s] (fields are named: key = value)",         \
      "%s：多余的列表项 [%s]（字段须写成 键 = 值）")                                              \
    X(MSG_SC_FIELD_NAMES, "%s: field names must be strings", "%s：字段名必须是字符串")             \
    X(MSG_SC_AFTER_END, "%s(\"%s\"): %s is after the end of the run (%s): it never runs",        \
      "%s(\"%s\")：%s 晚于运行结束时刻（%s），不会执行")

#endif

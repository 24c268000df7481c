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
    X(MSG_SC_DURATION_FORMS, "e.g. \"90s\", \"15m\", \"2h\", \"1h30m\", \"2d\"",                 \
      "如 \"90s\"、\"15m\"、\"2h\"、\"1h30m\"、\"2d\"")                                         \
    X(MSG_SC_AFTER_END, "%s(\"%s\"): %s is after the end of the run (%s): it never runs",        \
      "%s(\"%s\")：%s 晚于运行结束时刻（%s），不会执行")

#endif

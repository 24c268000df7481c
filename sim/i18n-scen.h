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
    X(MSG_SC_AFTER_END, "%s(\"%s\"): %s is after the end of the run (%s): it never runs",        \
      "%s(\"%s\")：%s 晚于运行结束时刻（%s），不会执行")

#endif

/* i18n-cli.h — texts shared by the commands: option errors, X(id, English, Chinese). */
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
      "0、90s、30m、2h、1h30m、1.5h、1d（数字加单位 s m h d）")

#endif

/*
 * i18n.h — every text a user reads, in English and Chinese, kept in one table (i18n.c).
 * The language comes from --lang, else HJRANGE_LANG, else LANG/LC_ALL (zh* -> Chinese).
 */
#ifndef I18N_H
#define I18N_H

#include "i18n-detect.h"  /* I18N_MESSAGES_DETECT: the platform's texts */
#include "i18n-station.h" /* I18N_MESSAGES_STATION: the station emulator's texts */
#include "i18n-score.h"   /* I18N_MESSAGES_SCORE: the scorer's texts */
#include "i18n-run.h"     /* I18N_MESSAGES_RUN: run and check */
#include "i18n-scen.h"    /* I18N_MESSAGES_SCEN: what a scenario writer reads */
#include "i18n-suite.h"   /* I18N_MESSAGES_SUITE: suite, report */
#include "i18n-view.h"    /* I18N_MESSAGES_VIEW: the SDL2 view */
#include "i18n-cli.h"     /* I18N_MESSAGES_CLI: list, registry, option errors, progress */
#include "i18n-generate.h" /* I18N_MESSAGES_GENERATE: generate, the suite's set report */

typedef enum i18n_lang { I18N_EN = 0, I18N_ZH = 1 } i18n_lang;

/* X(id, English, Chinese) */
#define I18N_MESSAGES(X)                                                                      \
    X(MSG_TAGLINE, "hardware simulator and training range for pollution-monitoring data fraud", \
      "污染源自动监控数据弄虚作假 硬件仿真与实训靶场")                                          \
    X(MSG_USAGE, "usage", "用法")                                                             \
    X(MSG_COMMANDS, "commands", "命令")                                                       \
    X(MSG_OPTIONS, "options", "选项")                                                         \
    X(MSG_HELP_HINT, "Run 'hjrange CMD --help' for the options of a command.",                 \
      "运行 'hjrange 命令 --help' 查看该命令的选项。")                                          \
    X(MSG_UNKNOWN_CMD, "unknown command", "未知命令")                                          \
    X(MSG_UNKNOWN_OPT, "unknown option", "未知选项")                                           \
    X(MSG_MISSING_ARG, "option needs a value", "选项缺少取值")                                  \
    X(MSG_BAD_VALUE, "bad value for option", "选项取值无效")                                    \
    X(MSG_CMD_HELP, "explain the commands, or one command", "说明全部命令或某一命令")           \
    X(MSG_CMD_VERSION, "print the version", "打印版本号")                                      \
    X(MSG_CMD_HJ212, "HJ 212 protocol tool: decode packets to JSON, or encode JSON to packets", \
      "HJ 212 协议工具：报文解码为 JSON，或由 JSON 编码为报文")                                 \
    X(MSG_HJ212_HELP,                                                                         \
      "hjrange hj212 decode [--key HEX] [--max BYTES] [--lang zh|en]\n"                       \
      "  Reads HJ 212 packets from stdin (a raw TCP byte stream, or one packet a line;\n"     \
      "  lines starting with a single '#' are comments) and prints one JSON object a\n"       \
      "  packet: header, Flag bits, CP items with their fields. An invalid packet gives\n"    \
      "  an object with \"error\" (the reason), \"message\" and \"qnrtn\" (the QnRtn code\n"  \
      "  a platform would answer). Exit status 1 if any packet was invalid.\n"                \
      "hjrange hj212 encode [--key HEX] [--max BYTES]\n"                                      \
      "  Reads JSON objects (one a line, as decode prints them) and prints one packet a\n"    \
      "  line (CR LF), with length and CRC computed. \"encrypt\": true encrypts CP\n"         \
      "  with SM4 (HJ 212-2025) under --key.\n"                                               \
      "  --key HEX     SM4 key, 32 hex digits (HJ 212-2025 CP encryption)\n"                  \
      "  --max BYTES   largest data segment accepted (default 10240, at most 9999 fit the\n"  \
      "                4-digit length field)\n",                                              \
      "hjrange hj212 decode [--key 十六进制] [--max 字节数] [--lang zh|en]\n"                 \
      "  从标准输入读取 HJ 212 报文（原始 TCP 字节流，或每行一包；以单个 '#' 开头的行为\n"     \
      "  注释），每包输出一个 JSON 对象：包头、Flag 位、CP 的各项及字段。无效报文输出含\n"     \
      "  \"error\"（原因）、\"message\" 和 \"qnrtn\"（平台应答的 QnRtn 代码）的对象。\n"       \
      "  有任一无效报文时退出码为 1。\n"                                                       \
      "hjrange hj212 encode [--key 十六进制] [--max 字节数]\n"                                 \
      "  读取 JSON 对象（每行一个，格式同 decode 的输出），每行输出一包（CR LF 结尾），\n"      \
      "  自动计算长度和 CRC。\"encrypt\": true 时用 --key 以 SM4 加密 CP（HJ 212-2025）。\n"   \
      "  --key 十六进制   SM4 密钥，32 位十六进制\n"                                             \
      "  --max 字节数     可接受的最大数据段（默认 10240，长度字段为 4 位，最多 9999）\n")      \
    X(MSG_BAD_JSON, "not a JSON object", "不是 JSON 对象")                                     \
    X(MSG_LINE, "line", "行")                                                                 \
    X(MSG_BAD_KEY, "SM4 key must be 32 hex digits", "SM4 密钥必须为 32 位十六进制")              \
    X(MSG_GARBAGE, "bytes before a packet start (\"##\") skipped", "报文头（\"##\"）之前的字节已跳过") \
    X(MSG_VALID, "valid packets", "有效报文")                                                 \
    X(MSG_INVALID, "invalid", "无效")     \
    I18N_MESSAGES_DETECT(X)                                                                   \
    I18N_MESSAGES_STATION(X)                                                                  \
    I18N_MESSAGES_SCORE(X)                                                                    \
    I18N_MESSAGES_RUN(X)                                                                      \
    I18N_MESSAGES_SCEN(X)                                                                     \
    I18N_MESSAGES_SUITE(X)                                                                    \
    I18N_MESSAGES_VIEW(X)                                                                     \
    I18N_MESSAGES_CLI(X)                                                                      \
    I18N_MESSAGES_GENERATE(X)

typedef enum i18n_msg {
#define I18N_ENUM(id, en, zh) id,
    I18N_MESSAGES(I18N_ENUM)
#undef I18N_ENUM
    MSG__COUNT
} i18n_msg;

void i18n_set(i18n_lang lang);
i18n_lang i18n_get(void);
/* Sets the language from "zh"/"en"; returns -1 for anything else. */
int i18n_set_name(const char *name);
/* Picks the language from HJRANGE_LANG, LC_ALL, LANG. */
void i18n_init_from_env(void);
const char *i18n(i18n_msg id);
/* The text of a station configuration's refusal (sim/world/cfgerr.h: the code a
 * station_cfg_check returned, negated), "?" for an unknown code. */
const char *i18n_cfgerr(int code);

#endif

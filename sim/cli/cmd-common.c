/*
 * cmd-common.c — what several subcommands share: the "--name=value" form of options,
 * usage errors that say which values are valid, and the elapsed/ETA part of progress lines.
 * (Where the fraud library is: libdir.h.)
 */
#include "cmd.h"
#include "hj212.h"
#include "i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- options ---- */

const char *cmd_opt_name(const char *arg, char *buf, size_t n)
{
    const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    if (!eq || n == 0) return arg;
    size_t k = (size_t)(eq - arg);
    if (k >= n) k = n - 1;
    memcpy(buf, arg, k);
    buf[k] = '\0';
    return buf;
}

const char *cmd_opt_value(int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    if (eq) return eq + 1;
    if (*i + 1 >= argc) return NULL;
    return argv[++*i];
}

int cmd_opt_no_value(const char *arg)
{
    const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    if (!eq) return 0;
    fprintf(stderr, "hjrange: %s: %.*s\n", i18n(MSG_OPT_NO_VALUE), (int)(eq - arg), arg);
    return 2;
}

static int bad(const char *opt, const char *value, i18n_msg kind, const char *what)
{
    fprintf(stderr, "hjrange: %s: %s \"%s\"; %s: %s\n", i18n(MSG_BAD_VALUE), opt,
            value ? value : "", i18n(kind), what);
    return 2;
}

int cmd_bad_choice(const char *opt, const char *value, const char *choices)
{
    return bad(opt, value, MSG_OPT_VALID, choices);
}

int cmd_bad_value(const char *opt, const char *value, const char *what)
{
    return bad(opt, value, MSG_OPT_EXPECTED, what);
}

int cmd_bad_form(const char *opt, const char *value, i18n_msg forms)
{
    return bad(opt, value, MSG_OPT_FORMS, i18n(forms));
}

int cmd_bad_int(const char *opt, const char *value, long long lo, long long hi)
{
    char what[128];
    snprintf(what, sizeof what, "%s %lld..%lld", i18n(MSG_OPT_INTEGER), lo, hi);
    return bad(opt, value, MSG_OPT_EXPECTED, what);
}

int cmd_bad_number(const char *opt, const char *value, const char *range)
{
    char what[128];
    snprintf(what, sizeof what, "%s %s", i18n(MSG_OPT_NUMBER), range);
    return bad(opt, value, MSG_OPT_EXPECTED, what);
}

/* ---- progress ---- */

/* s seconds as M:SS or H:MM:SS. */
static void hms(double s, char *buf, size_t n)
{
    if (!(s >= 0) || s > 1e9) {
        snprintf(buf, n, "-");
        return;
    }
    long long t = llround(s);
    if (t >= 3600)
        snprintf(buf, n, "%lld:%02lld:%02lld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, n, "%lld:%02lld", t / 60, t % 60);
}

void cmd_progress_times(char *buf, size_t n, double elapsed_s, double frac)
{
    char a[32], b[32];
    hms(elapsed_s, a, sizeof a);
    /* the rest at the pace so far; unknown until some of the work is done */
    hms(frac > 0 && frac <= 1 ? elapsed_s * (1 - frac) / frac : -1, b, sizeof b);
    snprintf(buf, n, "%s %s, %s %s", i18n(MSG_PROG_ELAPSED), a, i18n(MSG_PROG_ETA), b);
}

/* Chinese reasons for the codec's refusals, by error name order (hj212_err). */
static const char *const err_zh[HJ212_E__COUNT] = {
    [HJ212_OK] = "正常",
    [HJ212_E_FRAME] = "缺少报文头 \"##\"",
    [HJ212_E_LENGTH] = "长度字段错误或与实际字节数不符",
    [HJ212_E_TOOBIG] = "报文超过允许的最大长度",
    [HJ212_E_TRUNC] = "报文不完整（输入在报文中途结束）",
    [HJ212_E_TRAILER] = "CRC 之后缺少 CR LF",
    [HJ212_E_CRC] = "CRC 校验错误",
    [HJ212_E_SYNTAX] = "数据段语法错误",
    [HJ212_E_QN] = "QN 缺失或格式错误",
    [HJ212_E_ST] = "ST 缺失或格式错误",
    [HJ212_E_CN] = "CN 缺失或格式错误",
    [HJ212_E_PW] = "PW 缺失或过长",
    [HJ212_E_MN] = "MN 缺失或长度错误",
    [HJ212_E_FLAG] = "Flag 格式错误或版本位未知",
    [HJ212_E_SPLIT] = "分包 PNUM/PNO 不一致",
    [HJ212_E_CP] = "CP 缺失或格式错误",
    [HJ212_E_LIMIT] = "字段或数据项过多",
    [HJ212_E_CRYPT] = "CP 解密失败或缺少密钥",
    [HJ212_E_SPACE] = "输出缓冲区不足",
};

const char *cmd_hj212_err_text(hj212_err e)
{
    if (i18n_get() == I18N_ZH && (unsigned)e < HJ212_E__COUNT && err_zh[e]) return err_zh[e];
    return hj212_strerror(e);
}

/*
 * rule-time.c — times of the rules: HJ 212 and ISO 8601 texts to ms (UTC) and back, in
 * China local time (UTC+8, no DST).
 */
#include "rule-private.h"

#include <stdio.h>
#include <string.h>

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int64_t local_ms(int y, int mo, int d, int h, int mi, int s)
{
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return -1;
    return (days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * 1000 - TZ_MS;
}

int64_t rule_parse_hj212_time(const char *s)
{
    int y, mo, d, h, mi, se;
    if (!s || strlen(s) < 14 || digits(s, 4, &y) || digits(s + 4, 2, &mo) || digits(s + 6, 2, &d) ||
        digits(s + 8, 2, &h) || digits(s + 10, 2, &mi) || digits(s + 12, 2, &se))
        return -1;
    return local_ms(y, mo, d, h, mi, se);
}

int64_t rule_parse_iso(const char *s)
{
    int y, mo, d, h, mi, se = 0;
    if (!s || strlen(s) < 16 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
        s[7] != '-' || digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != ' ') ||
        digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi))
        return -1;
    const char *p = s + 16;
    if (*p == ':') {
        if (digits(p + 1, 2, &se)) return -1;
        p += 3;
        if (*p == '.')
            for (p++; *p >= '0' && *p <= '9'; p++) {
            }
    }
    int64_t t = local_ms(y, mo, d, h, mi, se);
    if (t < 0) return -1;
    t += TZ_MS; /* as if UTC */
    if (*p == 'Z') return t;
    if (*p == '\0') return t - TZ_MS; /* no offset: China time */
    int oh, om;
    if ((*p != '+' && *p != '-') || digits(p + 1, 2, &oh)) return -1;
    const char *q = p + 3;
    if (*q == ':') q++;
    if (digits(q, 2, &om)) return -1;
    int64_t off = ((int64_t)oh * 60 + om) * MIN_MS;
    return *p == '+' ? t - off : t + off;
}

void rule_format_iso(int64_t t, char *out, size_t cap)
{
    int64_t l = t + TZ_MS;
    int64_t days = l >= 0 ? l / 86400000 : -((-l + 86399999) / 86400000);
    int64_t rem = (l - days * 86400000) / 1000;
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", y, m, d, (int)(rem / 3600),
             (int)(rem / 60 % 60), (int)(rem % 60));
}

void rule_format_hm(int64_t t, char *out, size_t cap)
{
    int64_t l = (t + TZ_MS) / 1000;
    int64_t rem = ((l % 86400) + 86400) % 86400;
    snprintf(out, cap, "%02d:%02d", (int)(rem / 3600), (int)(rem / 60 % 60));
}

int rule_local_hour(int64_t t)
{
    int64_t l = (t + TZ_MS) / 1000;
    return (int)((((l % 86400) + 86400) % 86400) / 3600);
}

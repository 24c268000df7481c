/*
 * rule-time.c — times of the rules: HJ 212 and ISO 8601 texts to ms (UTC) and back, in
 * China time. The calendar and China time are the vocabulary's (proto/hjtime.h); what is
 * here is only the forms the detector reads and writes.
 */
#include "rule-private.h"

#include "hjtime.h"

#include <stdio.h>
#include <string.h>

int64_t rule_parse_hj212_time(const char *s)
{
    int64_t t;
    /* DataTime, SampleTime, i13006: 14 digits; a QN's milliseconds after them are not read */
    if (!s || strlen(s) < 14 || hjtime_parse_hj212(s, 14, &t) != 0) return -1;
    return t;
}

int64_t rule_parse_iso(const char *s)
{
    int64_t t;
    if (!s) return -1;
    if (hjtime_parse_iso_any(s, &t) == 0) return t;
    /* No offset: China time, as a person writes it into a work order ("2022-02-08 10:05",
     * "2022-02-08T10:05:00", a fraction of a second not read). */
    char local[32];
    size_t n = strcspn(s, ".");
    if (n < 16 || n >= sizeof local) return -1;
    for (const char *f = s + n + (s[n] == '.'); *f; f++)
        if (*f < '0' || *f > '9') return -1;
    memcpy(local, s, n);
    local[n] = '\0';
    if (local[10] == 'T') local[10] = ' ';
    return hjtime_parse_datetime(local, &t) == 0 ? t : -1;
}

void rule_format_iso(int64_t t, char *out, size_t cap)
{
    hjtime_format_iso(t, out, cap);
}

void rule_format_hm(int64_t t, char *out, size_t cap)
{
    hjtime_tm tm;
    hjtime_to_local(t, &tm);
    snprintf(out, cap, "%02d:%02d", tm.hour, tm.min);
}

int rule_local_hour(int64_t t)
{
    return (int)(hjtime_local_ms_of_day(t) / HJTIME_HOUR_MS);
}

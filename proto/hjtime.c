/*
 * hjtime.c — civil-time conversions (days-from-civil after H. Hinnant, proleptic
 * Gregorian), China time, strict parsers and formatters (hjtime.h).
 */
#include "hjtime.h"

#include <stdio.h>
#include <string.h>

/* Floor division and modulo: times before 1970 are negative. */
static int64_t floordiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

static int64_t floormod(int64_t a, int64_t b)
{
    return a - floordiv(a, b) * b;
}

int hjtime_is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int hjtime_days_in_month(int64_t year, int month)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return dm[month - 1] + (month == 2 && hjtime_is_leap(year));
}

int64_t hjtime_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = floordiv(y, 400);
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void hjtime_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = floordiv(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* ---- China time ---- */

void hjtime_to_local(int64_t t, hjtime_tm *out)
{
    /* t + TZ cannot overflow in practice; guard anyway with a saturating add. */
    int64_t lt = t > INT64_MAX - HJTIME_TZ_MS ? INT64_MAX : t + HJTIME_TZ_MS;
    int64_t days = floordiv(lt, HJTIME_DAY_MS);
    int64_t ms = floormod(lt, HJTIME_DAY_MS);
    int64_t y = 0;
    int m = 0, d = 0;
    hjtime_civil_from_days(days, &y, &m, &d);
    out->year = (int)y;
    out->month = m;
    out->day = d;
    out->hour = (int)(ms / HJTIME_HOUR_MS);
    out->min = (int)(ms / HJTIME_MINUTE_MS % 60);
    out->sec = (int)(ms / 1000 % 60);
    out->msec = (int)(ms % 1000);
    out->wday = (int)floormod(days + 4, 7); /* 1970-01-01 was a Thursday */
    out->yday = (int)(days - hjtime_days_from_civil(y, 1, 1));
}

int hjtime_from_local(const hjtime_tm *tm, int64_t *out)
{
    if (tm->year < -1000000 || tm->year > 1000000) return -1;
    if (tm->month < 1 || tm->month > 12) return -1;
    if (tm->day < 1 || tm->day > hjtime_days_in_month(tm->year, tm->month)) return -1;
    if (tm->hour < 0 || tm->hour > 23 || tm->min < 0 || tm->min > 59 || tm->sec < 0 ||
        tm->sec > 59 || tm->msec < 0 || tm->msec > 999)
        return -1;
    int64_t days = hjtime_days_from_civil(tm->year, tm->month, tm->day);
    *out = days * HJTIME_DAY_MS + tm->hour * HJTIME_HOUR_MS + tm->min * HJTIME_MINUTE_MS +
           tm->sec * HJTIME_SECOND_MS + tm->msec - HJTIME_TZ_MS;
    return 0;
}

int64_t hjtime_local_ms_of_day(int64_t t)
{
    return floormod(floormod(t, HJTIME_DAY_MS) + HJTIME_TZ_MS, HJTIME_DAY_MS);
}

int64_t hjtime_local_day(int64_t t)
{
    return floordiv(t + HJTIME_TZ_MS, HJTIME_DAY_MS);
}

int64_t hjtime_local_next(int64_t t, int64_t step)
{
    return (floordiv(t + HJTIME_TZ_MS, step) + 1) * step - HJTIME_TZ_MS;
}

/* ---- parsing ---- */

static int isdig(char c)
{
    return c >= '0' && c <= '9';
}

/* Exactly n digits at *p; advances. */
static int digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdig((*p)[i])) return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

/* "HH:MM" or "HH:MM:SS" at *p; advances. */
static int parse_hms(const char **p, int *h, int *mi, int *s)
{
    *s = 0;
    if (digits(p, 2, h) < 0 || **p != ':') return -1;
    (*p)++;
    if (digits(p, 2, mi) < 0) return -1;
    if (**p == ':') {
        (*p)++;
        if (digits(p, 2, s) < 0) return -1;
    }
    if (*h > 23 || *mi > 59 || *s > 59) return -1;
    return 0;
}

/* "YYYY-MM-DD" + sep + hms at *p; fills tm; advances. */
static int parse_date_time(const char **p, char sep, hjtime_tm *tm)
{
    memset(tm, 0, sizeof *tm);
    if (digits(p, 4, &tm->year) < 0 || **p != '-') return -1;
    (*p)++;
    if (digits(p, 2, &tm->month) < 0 || **p != '-') return -1;
    (*p)++;
    if (digits(p, 2, &tm->day) < 0 || **p != sep) return -1;
    (*p)++;
    return parse_hms(p, &tm->hour, &tm->min, &tm->sec);
}

int hjtime_parse_datetime(const char *s, int64_t *out)
{
    if (!s) return -1;
    hjtime_tm tm;
    const char *p = s;
    if (parse_date_time(&p, ' ', &tm) < 0 || *p) return -1;
    return hjtime_from_local(&tm, out);
}

int hjtime_parse_clock(const char *s, int64_t *ms_of_day)
{
    if (!s) return -1;
    const char *p = s;
    int h = 0, mi = 0, sec = 0;
    if (parse_hms(&p, &h, &mi, &sec) < 0 || *p) return -1;
    *ms_of_day = h * HJTIME_HOUR_MS + mi * HJTIME_MINUTE_MS + sec * HJTIME_SECOND_MS;
    return 0;
}

int hjtime_parse_iso(const char *s, int64_t *out)
{
    if (!s) return -1;
    hjtime_tm tm;
    const char *p = s;
    if (parse_date_time(&p, 'T', &tm) < 0) return -1;
    if (*p == '.') {
        p++;
        if (digits(&p, 3, &tm.msec) < 0) return -1;
    }
    int64_t off_ms = 0;
    if (*p == 'Z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1;
        int oh = 0, om = 0;
        p++;
        if (digits(&p, 2, &oh) < 0 || *p != ':') return -1;
        p++;
        if (digits(&p, 2, &om) < 0 || oh > 14 || om > 59) return -1;
        off_ms = sign * (oh * HJTIME_HOUR_MS + om * HJTIME_MINUTE_MS);
    } else {
        return -1;
    }
    if (*p) return -1;
    int64_t t = 0;
    if (hjtime_from_local(&tm, &t) < 0) return -1;
    /* hjtime_from_local assumed +08:00; correct to the stated offset */
    *out = t + HJTIME_TZ_MS - off_ms;
    return 0;
}

int hjtime_parse_iso_any(const char *s, int64_t *out)
{
    if (!s || !out) return -1;
    const char *p = s;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, frac = 0;
    if (digits(&p, 4, &y) || *p != '-') return -1;
    p++;
    if (digits(&p, 2, &mo) || *p != '-') return -1;
    p++;
    if (digits(&p, 2, &d)) return -1;
    if (*p != 'T' && *p != 't' && *p != ' ') return -1;
    p++;
    if (digits(&p, 2, &h) || *p != ':') return -1;
    p++;
    if (digits(&p, 2, &mi)) return -1;
    if (*p == ':') {
        p++;
        if (digits(&p, 2, &sec)) return -1;
        if (*p == '.' || *p == ',') {
            p++;
            int n = 0, scale = 100;
            while (isdig(*p)) {
                if (n >= 9) return -1;
                frac += (*p - '0') * scale;
                scale /= 10;
                n++;
                p++;
            }
            if (n == 0) return -1;
        }
    }
    int off = 0; /* minutes east of UTC */
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, oh = 0, om = 0;
        p++;
        if (digits(&p, 2, &oh)) return -1;
        if (*p == ':') {
            p++;
            if (digits(&p, 2, &om)) return -1;
        } else if (isdig(*p)) {
            if (digits(&p, 2, &om)) return -1;
        }
        if (oh > 23 || om > 59) return -1;
        off = sign * (oh * 60 + om);
    } else {
        return -1; /* no offset: local time of an unknown zone */
    }
    if (*p != '\0') return -1;
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > hjtime_days_in_month(y, mo) || h > 23 ||
        mi > 59 || sec > 59)
        return -1;
    int64_t t = hjtime_days_from_civil(y, mo, d) * HJTIME_DAY_MS + h * HJTIME_HOUR_MS +
                mi * HJTIME_MINUTE_MS + sec * HJTIME_SECOND_MS + frac;
    *out = t - (int64_t)off * HJTIME_MINUTE_MS;
    return 0;
}

static int two(const char *p)
{
    return (p[0] - '0') * 10 + (p[1] - '0');
}

int hjtime_stamp_valid(const char *p)
{
    int y = two(p) * 100 + two(p + 2), mo = two(p + 4), d = two(p + 6);
    if (y < 1900 || mo < 1 || mo > 12 || d < 1) return 0;
    if (d > hjtime_days_in_month(y, mo)) return 0;
    return two(p + 8) <= 23 && two(p + 10) <= 59 && two(p + 12) <= 59;
}

/* n digits YYYYMMDDhhmmss[zzz] (n 14 or 17) -> UTC ms. */
static int parse_stamp(const char *s, size_t n, int64_t *out)
{
    for (size_t i = 0; i < n; i++)
        if (!isdig(s[i])) return -1;
    if (!hjtime_stamp_valid(s)) return -1;
    if (out) {
        int64_t days = hjtime_days_from_civil(two(s) * 100 + two(s + 2), two(s + 4), two(s + 6));
        int64_t sec = days * 86400 + two(s + 8) * 3600 + two(s + 10) * 60 + two(s + 12);
        int ms = n == 17 ? two(s + 14) * 10 + (s[16] - '0') : 0;
        *out = (sec - HJTIME_TZ_S) * 1000 + ms;
    }
    return 0;
}

int hjtime_parse_hj212(const char *s, size_t n, int64_t *out)
{
    if (!s || n != 14) return -1;
    return parse_stamp(s, n, out);
}

int hjtime_parse_qn(const char *s, size_t n, int64_t *out)
{
    if (!s || n != 17) return -1;
    return parse_stamp(s, n, out);
}

/* ---- formatting ---- */

static int finish(int r, char *buf, size_t n)
{
    if (r < 0 || (size_t)r >= n) {
        if (n) buf[0] = '\0';
        return -1;
    }
    return r;
}

int hjtime_format(int64_t t, char *buf, size_t n)
{
    hjtime_tm tm;
    hjtime_to_local(t, &tm);
    int r = snprintf(buf, n, "%04d-%02d-%02d %02d:%02d:%02d", tm.year, tm.month, tm.day, tm.hour,
                     tm.min, tm.sec);
    return finish(r, buf, n);
}

int hjtime_format_iso(int64_t t, char *buf, size_t n)
{
    hjtime_tm tm;
    hjtime_to_local(t, &tm);
    int r = snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", tm.year, tm.month, tm.day,
                     tm.hour, tm.min, tm.sec);
    return finish(r, buf, n);
}

int hjtime_format_hj212(int64_t t, char *buf, size_t n)
{
    hjtime_tm tm;
    hjtime_to_local(t, &tm);
    int r = snprintf(buf, n, "%04d%02d%02d%02d%02d%02d", tm.year, tm.month, tm.day, tm.hour, tm.min,
                     tm.sec);
    return finish(r, buf, n);
}

int hjtime_format_qn(int64_t t, char *buf, size_t n)
{
    hjtime_tm tm;
    hjtime_to_local(t, &tm);
    int r = snprintf(buf, n, "%04d%02d%02d%02d%02d%02d%03d", tm.year, tm.month, tm.day, tm.hour,
                     tm.min, tm.sec, tm.msec);
    return finish(r, buf, n);
}

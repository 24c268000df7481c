/*
 * hjtime.h — the range's calendar: proleptic Gregorian dates, China time, and the time
 * strings every layer reads and writes. The one place a date rule is written.
 *
 * Time base: int64 milliseconds since the Unix epoch, UTC. Every time a person reads or
 * writes is China local time: fixed UTC+8, no daylight saving (HJTIME_TZ_MS).
 *
 * Parsers are strict: they refuse garbage, trailing text, impossible dates (2022-02-30,
 * 31 February), 24:00, leap seconds and overflow, and return -1 then (0 on success).
 * Formatters return the length written, or -1 when the buffer is too small (the buffer
 * then holds ""). Nothing allocates, prints or reads the wall clock.
 *
 * The forms:
 *   hjtime_format         "2022-02-08 10:05:00"               (local)
 *   hjtime_parse_datetime "2022-02-08 10:05" or "...10:05:00" (local)
 *   hjtime_format_iso     "2022-02-08T10:05:00+08:00"         (the file formats' contract)
 *   hjtime_parse_iso      the same, "Z" or any offset, optional ".sss"
 *   hjtime_parse_iso_any  ISO 8601 as other tools write it (vendors' alert files)
 *   hjtime_format_hj212   HJ 212 DataTime "20220208100500"    (local)
 *   hjtime_format_qn      HJ 212 QN "20220208100500123"       (local, with ms)
 *   hjtime_parse_hj212 / hjtime_parse_qn: those two, from the year 1900 on
 * Dependencies: libc.
 */
#ifndef HJTIME_H
#define HJTIME_H

#include <stddef.h>
#include <stdint.h>

#define HJTIME_TZ_S      (8 * 3600)                    /* China time = UTC + 8 h, seconds */
#define HJTIME_TZ_MS     (HJTIME_TZ_S * INT64_C(1000)) /* the same in ms */
#define HJTIME_SECOND_MS INT64_C(1000)
#define HJTIME_MINUTE_MS INT64_C(60000)
#define HJTIME_HOUR_MS   INT64_C(3600000)
#define HJTIME_DAY_MS    INT64_C(86400000)

/* Broken-down local time (UTC+8). month 1..12, day 1..31, wday 0 = Sunday, yday 0..365. */
typedef struct hjtime_tm {
    int year, month, day;
    int hour, min, sec, msec;
    int wday, yday;
} hjtime_tm;

/* ---- the calendar ---- */

int hjtime_is_leap(int64_t year);
/* Days in a month of a year; 0 if month is outside 1..12. */
int hjtime_days_in_month(int64_t year, int month);
/* Days since 1970-01-01 of a date (H. Hinnant's algorithm; any int64 year that does not
 * overflow; the date is not checked: day 31 of February counts on into March). */
int64_t hjtime_days_from_civil(int64_t year, int month, int day);
/* The date of a day number; inverse of hjtime_days_from_civil. */
void hjtime_civil_from_days(int64_t days, int64_t *year, int *month, int *day);

/* ---- China time ---- */

/* UTC ms -> local broken-down time. Valid for any int64 whose year fits in an int. */
void hjtime_to_local(int64_t t, hjtime_tm *out);
/* Local broken-down time (year..msec; wday/yday ignored) -> UTC ms. -1 if a field is out
 * of range (day 30 of February, hour 24, year beyond +-1000000). */
int hjtime_from_local(const hjtime_tm *tm, int64_t *out);
/* Milliseconds since local midnight, 0 .. HJTIME_DAY_MS-1. */
int64_t hjtime_local_ms_of_day(int64_t t);
/* The local day number of t: days since 1970-01-01 in China time (floor). */
int64_t hjtime_local_day(int64_t t);
/* The first multiple of step (ms > 0), counted from local midnight of 1970-01-01, strictly
 * after t: for a step dividing a day, the next boundary from local midnight. */
int64_t hjtime_local_next(int64_t t, int64_t step);

/* ---- parsing ---- */

/* "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS", local time. */
int hjtime_parse_datetime(const char *s, int64_t *out);
/* "HH:MM" or "HH:MM:SS": milliseconds since midnight. */
int hjtime_parse_clock(const char *s, int64_t *ms_of_day);
/* "YYYY-MM-DDTHH:MM[:SS][.sss]" then "Z" or "+HH:MM"/"-HH:MM" (offset up to 14 h). */
int hjtime_parse_iso(const char *s, int64_t *out);
/* What other tools write: YYYY-MM-DD, 'T' 't' or ' ', HH:MM[:SS[.f]] (',' too, up to 9
 * digits), then Z/z, +HH:MM, +HHMM or +HH (up to 23 h). A missing offset is refused: the
 * local time of an unknown zone. Year 0001 on. */
int hjtime_parse_iso_any(const char *s, int64_t *out);
/* HJ 212 DataTime: exactly n == 14 digits YYYYMMDDhhmmss, a real date from the year 1900
 * and a time of day, China time. out may be NULL (check only). */
int hjtime_parse_hj212(const char *s, size_t n, int64_t *out);
/* HJ 212 QN: exactly n == 17 digits YYYYMMDDhhmmsszzz, as hjtime_parse_hj212 plus ms. */
int hjtime_parse_qn(const char *s, size_t n, int64_t *out);
/* The date check of both on 14 bytes known to be digits: 1 when p[0..14) is a real date
 * from the year 1900 and a time of day, else 0 (the decoders' hot path). */
int hjtime_stamp_valid(const char *p);

/* ---- formatting ---- */

/* "2022-02-08 10:05:00" (local). */
int hjtime_format(int64_t t, char *buf, size_t n);
/* "2022-02-08T10:05:00+08:00" (local with offset), the file-format contract. */
int hjtime_format_iso(int64_t t, char *buf, size_t n);
/* HJ 212 DataTime "20220208100500" (local). */
int hjtime_format_hj212(int64_t t, char *buf, size_t n);
/* HJ 212 QN "20220208100500123" (local, with ms); n >= 18. */
int hjtime_format_qn(int64_t t, char *buf, size_t n);

#endif

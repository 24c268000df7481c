/* hj212_testutil.h — shared helpers for the HJ 212 tests: packet files, one a line. */
#ifndef HJ212_TESTUTIL_H
#define HJ212_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TU_MAXLINES 64
#define TU_LINELEN  4096

typedef struct tu_lines {
    int n;
    char line[TU_MAXLINES][TU_LINELEN];
} tu_lines;

/* Reads the packet lines ("##...") of HJ_TEST_DATA/hj212/<name>; -1 when unreadable. */
static inline int tu_read(const char *name, tu_lines *l)
{
    char path[512], buf[TU_LINELEN];
    snprintf(path, sizeof path, "%s/hj212/%s", HJ_TEST_DATA, name);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    l->n = 0;
    while (fgets(buf, sizeof buf, f) && l->n < TU_MAXLINES) {
        size_t n = strcspn(buf, "\r\n");
        buf[n] = '\0';
        if (n >= 2 && buf[0] == '#' && buf[1] == '#') memcpy(l->line[l->n++], buf, n + 1);
    }
    fclose(f);
    return l->n;
}

/* "line" + CR LF with the CRC uppercased, as the encoder writes it. */
static inline size_t tu_wire(const char *line, char *out)
{
    size_t n = strlen(line);
    memcpy(out, line, n);
    for (size_t i = n - 4; i < n; i++)
        if (out[i] >= 'a' && out[i] <= 'f') out[i] = (char)(out[i] - 'a' + 'A');
    out[n] = '\r';
    out[n + 1] = '\n';
    out[n + 2] = '\0';
    return n + 2;
}

#endif

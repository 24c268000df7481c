/*
 * scmsg.c — filling the scenario texts of the i18n table (see scmsg.h).
 */
#include "scmsg.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

/* Where a filled template goes: a fixed buffer, or a luaL_Buffer. */
typedef struct sink {
    char *buf;
    size_t n, len;
    luaL_Buffer *b;
} sink;

static void put(sink *s, const char *p, size_t l)
{
    if (s->b) {
        luaL_addlstring(s->b, p, l);
    } else if (s->n > 0 && s->len < s->n - 1) {
        size_t room = s->n - 1 - s->len;
        memcpy(s->buf + s->len, p, l < room ? l : room);
    }
    s->len += l;
}

/* Parses the argument reference after a '%' at t: 1 and *arg, *end; 0 when t is not one.
 * "s" is the next argument (*next counts them), "N$s" argument N. */
static int ref_at(const char *t, int *next, int *arg, const char **end)
{
    if (*t == 's') {
        *arg = (*next)++;
        *end = t + 1;
        return 1;
    }
    if (*t >= '1' && *t <= '9') {
        int v = 0;
        const char *p = t;
        while (*p >= '0' && *p <= '9' && v < 1000)
            v = v * 10 + (*p++ - '0');
        if (p[0] == '$' && p[1] == 's') {
            *arg = v - 1;
            *end = p + 2;
            return 1;
        }
    }
    return 0;
}

static void fill(sink *s, const char *t, const char *const *args, int nargs)
{
    int next = 0;
    while (*t) {
        const char *pct = strchr(t, '%'), *end = NULL;
        int arg = 0;
        if (!pct) {
            put(s, t, strlen(t));
            return;
        }
        put(s, t, (size_t)(pct - t));
        t = pct + 1;
        if (*t == '%') {
            put(s, "%", 1);
            t++;
        } else if (ref_at(t, &next, &arg, &end)) {
            const char *a = arg >= 0 && arg < nargs && args[arg] ? args[arg] : "?";
            put(s, a, strlen(a));
            t = end;
        } else {
            put(s, "%", 1); /* not a reference: a literal percent sign */
        }
    }
}

size_t scmsg_format(char *buf, size_t n, i18n_msg id, const char *const *args, int nargs)
{
    sink s = {buf, n, 0, NULL};
    fill(&s, i18n(id), args, nargs);
    if (n > 0) buf[s.len < n - 1 ? s.len : n - 1] = '\0';
    return s.len;
}

const char *scmsg_push(lua_State *L, i18n_msg id, const char *const *args, int nargs)
{
    luaL_Buffer b;
    sink s = {NULL, 0, 0, &b};
    luaL_buffinit(L, &b);
    fill(&s, i18n(id), args, nargs);
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

int scmsg_error(lua_State *L, i18n_msg id, const char *const *args, int nargs)
{
    luaL_where(L, 1);
    scmsg_push(L, id, args, nargs);
    lua_concat(L, 2);
    return lua_error(L);
}

int scmsg_error0(lua_State *L, i18n_msg id)
{
    return scmsg_error(L, id, NULL, 0);
}

int scmsg_argerror(lua_State *L, int arg, i18n_msg id, const char *const *args, int nargs)
{
    return luaL_argerror(L, arg, scmsg_push(L, id, args, nargs));
}

const char *scmsg_num(char *buf, double v)
{
    snprintf(buf, SCMSG_NUM, "%g", v);
    return buf;
}

const char *scmsg_int(char *buf, long long v)
{
    snprintf(buf, SCMSG_NUM, "%lld", v);
    return buf;
}

int scmsg_refs(const char *t, int *idx, int max)
{
    int next = 0, k = 0;
    while ((t = strchr(t, '%')) != NULL) {
        const char *end = NULL;
        int arg = 0;
        t++;
        if (*t == '%') {
            t++;
            continue;
        }
        if (!ref_at(t, &next, &arg, &end)) {
            if (*t >= '0' && *t <= '9') return -1; /* "%1" without "$s" */
            continue;
        }
        if (arg < 0) return -1;
        if (k < max) idx[k] = arg + 1;
        k++;
        t = end;
    }
    return k;
}

/* Optimal string alignment distance (a swap of two neighbours is one edit), or a large
 * number for words too long to be worth it. */
static int distance(const char *a, const char *b)
{
    enum { W = 64 };
    size_t la = strlen(a), lb = strlen(b);
    int d[W + 1][W + 1];
    if (la > W || lb > W) return 1000;
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[la][lb];
}

const char *scmsg_suggest(const char *word, const char *const *names)
{
    size_t l = word ? strlen(word) : 0;
    int limit = l >= 9 ? 3 : l >= 5 ? 2 : 1, best = limit + 1;
    const char *pick = NULL;
    if (l == 0 || !names) return NULL;
    for (size_t i = 0; names[i]; i++) {
        int d = distance(word, names[i]);
        if (d > 0 && d < best && (size_t)d < l) {
            best = d;
            pick = names[i];
        }
    }
    return pick;
}

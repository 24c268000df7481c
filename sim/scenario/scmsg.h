/*
 * scmsg.h — the texts a scenario writer reads (argument errors, sandbox kills and limits,
 * scheduler errors, check's warnings, the fraud library's option errors), in the CLI's
 * language. The texts themselves are rows of the i18n table (sim/scenario/i18n-scen.h); this
 * module fills them in.
 *
 * A text is a template: "%s" takes the next argument, "%N$s" argument N (1-based, so that
 * a translation may put them in another order), "%%" is a percent sign; nothing else is
 * special. Every argument is a string (callers format numbers with scmsg_num/scmsg_int),
 * so a call site cannot hand a template the wrong type; tests/scen/test_scen.c checks that
 * both languages of a row use the same arguments.
 *
 * SCMSG_ERROR raises the text like luaL_error ("file:line: " of the calling Lua code
 * first). Lua's own messages ("attempt to index a nil value") are not ours and stay as
 * Lua prints them.
 * Dependencies: i18n (the table and the language), Lua 5.4 (the raising part).
 */
#ifndef SCMSG_H
#define SCMSG_H

#include <stddef.h>

#include <lua.h>

#include "i18n.h"

#define SCMSG_ARGS(...)  ((const char *const[]){__VA_ARGS__})
#define SCMSG_NARGS(...) ((int)(sizeof SCMSG_ARGS(__VA_ARGS__) / sizeof(const char *)))

/* Fills template id into buf (always NUL-terminated, cut at n - 1 bytes); returns the
 * length the whole text has (as snprintf). A missing argument reads "?". */
size_t scmsg_format(char *buf, size_t n, i18n_msg id, const char *const *args, int nargs);
#define SCMSG(buf, n, id, ...)                                                                     \
    scmsg_format(buf, n, id, SCMSG_ARGS(__VA_ARGS__), SCMSG_NARGS(__VA_ARGS__))

/* Pushes the filled template on L (memory charged to the state, no length limit). */
const char *scmsg_push(lua_State *L, i18n_msg id, const char *const *args, int nargs);
#define SCMSG_PUSH(L, id, ...) scmsg_push(L, id, SCMSG_ARGS(__VA_ARGS__), SCMSG_NARGS(__VA_ARGS__))

/* Raises "file:line: text" (luaL_where(L, 1) first, as luaL_error). Never returns. */
int scmsg_error(lua_State *L, i18n_msg id, const char *const *args, int nargs);
#define SCMSG_ERROR(L, id, ...)                                                                    \
    scmsg_error(L, id, SCMSG_ARGS(__VA_ARGS__), SCMSG_NARGS(__VA_ARGS__))
/* The same with a template without arguments. */
int scmsg_error0(lua_State *L, i18n_msg id);

/* Raises luaL_argerror(L, arg, text): "bad argument #arg to 'f' (text)". */
int scmsg_argerror(lua_State *L, int arg, i18n_msg id, const char *const *args, int nargs);
#define SCMSG_ARGERROR(L, arg, id, ...)                                                            \
    scmsg_argerror(L, arg, id, SCMSG_ARGS(__VA_ARGS__), SCMSG_NARGS(__VA_ARGS__))

/* Numbers as message arguments: "%g" / "%lld" into buf (32 bytes), which is returned. */
enum { SCMSG_NUM = 32 };
const char *scmsg_num(char *buf, double v);
const char *scmsg_int(char *buf, long long v);

/* The argument indices (1-based) a template refers to, in order, into idx (at most max);
 * the count, or -1 for a malformed template ("%N$" without "s", N = 0). For tests. */
int scmsg_refs(const char *tmpl, int *idx, int max);

/* The closest of names (NULL-terminated) to word by edit distance, if close enough to be
 * a likely typo (at most 1 edit for short words, 2 from 5 letters, 3 from 9); else NULL. */
const char *scmsg_suggest(const char *word, const char *const *names);

#endif

/*
 * replay.h — a platform's database fed back to a detection engine, as the platform would
 * have pushed it: what the store holds beyond what was fed so far — the new work orders,
 * then the uploads in commit (id) order with the readings each stored, then the new lab
 * results. For a platform restarted on its database (detect.h: the engine catches up on
 * the history before the first new batch), for tools (rules_replay) and for a reader in
 * another thread or process than the platform, which opens the database read-only.
 */
#ifndef REPLAY_H
#define REPLAY_H

#include "engine.h"
#include "store.h"

#include <stdio.h>

typedef struct replay replay;

/* Over a store the caller keeps (borrowed: it must outlive the replay). */
replay *replay_new(store *s);
/* Over the database at db_path, opened read-only at the first replay_poll (and again at the
 * next one if it could not be: the file may not exist yet). */
replay *replay_open(const char *db_path, char *err, size_t errlen);
void replay_free(replay *r); /* NULL is a no-op */

/* Feeds e what was committed since the last call; alerts go to `alerts` (may be NULL).
 * Returns the number of raises, or -1 when the database cannot be read (replay_errmsg). */
int replay_poll(replay *r, engine *e, FILE *alerts);
const char *replay_errmsg(const replay *r);

#endif

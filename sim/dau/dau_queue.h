/*
 * dau_queue.h — the DAU's bounded queue of unacknowledged records, mirrored on disk.
 *
 * A record is one line of text (an HJ 212 data segment: no CR, no LF). The queue is FIFO:
 * append at the tail, the head is the oldest record, removed when acknowledged. Bounded in
 * records and bytes: appending to a full queue first drops the oldest records (counted).
 *
 * On disk (when a path is given): PATH holds the records, one a line, appended with
 * write(2); PATH.head holds "OFFSET DROPPED" — the byte offset of the first record still
 * queued and the count dropped so far — rewritten in place on every removal. The file is
 * compacted (remaining records rewritten, renamed over) when the dead prefix exceeds
 * 1 MiB and half the file. Opening an existing PATH resumes it: records after OFFSET are
 * queued again; a partial last line (a crash in the middle of an append) is cut off.
 * With fsync set every change is fsynced (survives power loss); otherwise a change
 * survives a crash of the process.
 */
#ifndef DAU_QUEUE_H
#define DAU_QUEUE_H

#include <stddef.h>
#include <stdint.h>

typedef struct dau_queue dau_queue;

/* path NULL: memory only. NULL with a message on an I/O or allocation failure. */
dau_queue *dau_queue_open(const char *path, size_t max_records, size_t max_bytes, int fsync_on,
                          char *err, size_t errlen);
void dau_queue_close(dau_queue *q); /* NULL is a no-op */

/* Appends a record of n bytes (no '\n' in it), dropping the oldest ones first if needed.
 * A record larger than max_bytes is refused. 0, or -1 (too big, I/O error: the record is
 * still queued in memory when only the disk failed). */
int dau_queue_push(dau_queue *q, const char *rec, size_t n);
/* The oldest record (NUL-terminated, borrowed until the next change), NULL when empty. */
const char *dau_queue_head(const dau_queue *q, size_t *n);
/* Removes the oldest record (acknowledged). 0, or -1 when empty. */
int dau_queue_pop(dau_queue *q);
size_t dau_queue_len(const dau_queue *q);
size_t dau_queue_bytes(const dau_queue *q);
uint64_t dau_queue_dropped(const dau_queue *q); /* total, kept across reopenings */

#endif

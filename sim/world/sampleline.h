/*
 * sampleline.h — the sampling line: what the pump draws, and what reaches the analyzers.
 *
 * The line draws from the channel (normal), the tap (hose swapped onto tap water) or a
 * bucket of given quality. Water takes `delay` to travel: what reaches the analyzers at
 * t is what entered the line at t - delay, so a source switch shows up after the delay.
 * Time is cut into bins of `res` (the delay is rounded to whole bins); a ring of
 * delay/res + 1 bins holds what entered in each bin (the quality given at the step that
 * closes the bin fills every bin since the previous step). At most SAMPLELINE_MAX_BINS
 * bins; no allocation after sampleline_new. Dependencies: water.h.
 */
#ifndef SAMPLELINE_H
#define SAMPLELINE_H

#include <stdint.h>

#include "water.h"

#define SAMPLELINE_MAX_BINS 4096

enum sampleline_source { SAMPLELINE_CHANNEL, SAMPLELINE_TAP, SAMPLELINE_BUCKET };

typedef struct sampleline sampleline;

/* A line with the given delay and bin width (ms; delay >= 0, res > 0, delay/res + 1 <=
 * SAMPLELINE_MAX_BINS), full of `initial` water at t0, drawing from the channel. NULL on
 * bad arguments or allocation failure. */
sampleline *sampleline_new(int64_t delay_ms, int64_t res_ms, int64_t t0, const water *initial);
void sampleline_free(sampleline *sl);

/* Source names: "channel" "tap" "bucket"; -1 if unknown. */
int sampleline_source_from_name(const char *name);
/* Switches the intake at once (the water in the line still arrives). bucket is required
 * for SAMPLELINE_BUCKET (copied) and ignored otherwise. 0 or -1. A scenario's bucket names
 * only some fields ({cod = 40, ph = 7.2}): the binding fills the rest from tap water
 * (channel_tap_quality), as prepared water is tap water with additions. */
int sampleline_connect(sampleline *sl, int source, const water *bucket);
int sampleline_source(const sampleline *sl);
int64_t sampleline_delay(const sampleline *sl); /* the effective (rounded) delay, ms */

/* Advances to t, taking in the current source (channel or tap quality of the moment).
 * Steps not after the last are ignored. */
void sampleline_step(sampleline *sl, int64_t t, const water *channel, const water *tap);
/* What reaches the analyzers now. */
const water *sampleline_output(const sampleline *sl);
/* What enters the line now. */
const water *sampleline_intake(const sampleline *sl);

#endif

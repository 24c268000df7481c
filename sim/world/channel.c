/*
 * channel.c — mass balance at the sampling point.
 */
#include "channel.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hjtime.h"

typedef struct slot {
    int handle; /* 0: free */
    channel_inflow in;
} slot;

struct channel {
    slot in[CHANNEL_MAX_INFLOWS];
    int next_handle;
    int meter;
    int primed;      /* 0 until the first step: the stagnant quality is then the plant's */
    int64_t tap_day; /* local day of the cached tap/rain quality (INT64_MIN: none) */
    water tap, rain;
    channel_out out;
};

channel *channel_new(void)
{
    channel *ch = calloc(1, sizeof *ch);
    if (!ch) return NULL;
    ch->next_handle = 1;
    ch->meter = CHANNEL_METER_DOWNSTREAM;
    ch->tap_day = INT64_MIN;
    return ch;
}

void channel_free(channel *ch)
{
    free(ch);
}

int channel_source_from_name(const char *name)
{
    static const char *const names[] = {"tap", "rain", "custom"};
    for (int i = 0; name && i < 3; i++)
        if (strcmp(name, names[i]) == 0) return i;
    return -1;
}

static int flow_ok(double m3h)
{
    return m3h >= 0 && m3h <= 1e6; /* false for NaN */
}

int channel_add_inflow(channel *ch, const channel_inflow *in)
{
    if (!in || !flow_ok(in->m3h)) return -1;
    if (in->source != CHANNEL_TAP && in->source != CHANNEL_RAIN && in->source != CHANNEL_CUSTOM)
        return -1;
    if (ch->next_handle == INT32_MAX) return -1;
    for (int i = 0; i < CHANNEL_MAX_INFLOWS; i++) {
        if (ch->in[i].handle) continue;
        ch->in[i].handle = ch->next_handle++;
        ch->in[i].in = *in;
        return ch->in[i].handle;
    }
    return -1;
}

static slot *find(channel *ch, int handle)
{
    for (int i = 0; handle > 0 && i < CHANNEL_MAX_INFLOWS; i++)
        if (ch->in[i].handle == handle) return &ch->in[i];
    return NULL;
}

int channel_stop(channel *ch, int handle)
{
    slot *s = find(ch, handle);
    if (!s) return -1;
    s->handle = 0;
    return 0;
}

int channel_set_inflow_m3h(channel *ch, int handle, double m3h)
{
    slot *s = find(ch, handle);
    if (!s || !flow_ok(m3h)) return -1;
    s->in.m3h = m3h;
    return 0;
}

int channel_inflow_count(const channel *ch)
{
    int n = 0;
    for (int i = 0; i < CHANNEL_MAX_INFLOWS; i++)
        n += ch->in[i].handle != 0;
    return n;
}

int channel_inflow_get(const channel *ch, int i, channel_inflow *out, int *handle)
{
    for (int j = 0; j < CHANNEL_MAX_INFLOWS; j++) {
        if (!ch->in[j].handle) continue;
        if (i-- > 0) continue;
        if (out) *out = ch->in[j].in;
        if (handle) *handle = ch->in[j].handle;
        return 0;
    }
    return -1;
}

void channel_set_meter(channel *ch, int position)
{
    ch->meter =
        position == CHANNEL_METER_UPSTREAM ? CHANNEL_METER_UPSTREAM : CHANNEL_METER_DOWNSTREAM;
}

int channel_meter(const channel *ch)
{
    return ch->meter;
}

/* Seasonal temperature: a cosine with its minimum on 25 January (day of year 24). */
static double seasonal(int64_t t, double mean, double amp)
{
    hjtime_tm tm;
    hjtime_to_local(t, &tm);
    return mean - amp * cos(2.0 * 3.141592653589793 * (tm.yday - 24) / 365.25);
}

void channel_tap_quality(int64_t t, water *out)
{
    *out = water_tap;
    out->temp = seasonal(t, water_tap.temp, WATER_TAP_TEMP_AMP);
}

void channel_rain_quality(int64_t t, water *out)
{
    out->cod = 40.0;
    out->toc = 12.0;
    out->nh3n = 1.0;
    out->tp = 0.15;
    out->tn = 2.5;
    out->ph = 6.5;
    out->temp = seasonal(t, 15.0, 8.0);
    out->cond = 60.0;
}

void channel_step(channel *ch, int64_t t, double plant_m3h, const water *plant)
{
    double q[CHANNEL_MAX_INFLOWS + 1];
    water w[CHANNEL_MAX_INFLOWS + 1];
    channel_out *o = &ch->out;
    int n = 0;

    /* tap and rain change with the season only: once a local day */
    int64_t day = hjtime_local_day(t);
    if (day != ch->tap_day) {
        ch->tap_day = day;
        channel_tap_quality(t, &ch->tap);
        channel_rain_quality(t, &ch->rain);
    }
    o->tap = ch->tap;
    q[n] = plant_m3h > 0 ? plant_m3h : 0;
    w[n++] = *plant;
    o->added_m3h = 0;
    for (int i = 0; i < CHANNEL_MAX_INFLOWS; i++) {
        const slot *s = &ch->in[i];
        if (!s->handle) continue;
        q[n] = s->in.m3h;
        w[n++] = s->in.source == CHANNEL_TAP    ? o->tap
                 : s->in.source == CHANNEL_RAIN ? ch->rain
                                                : s->in.quality;
        o->added_m3h += s->in.m3h;
    }
    if (!ch->primed) { /* before any flow the channel holds plant water */
        o->sample = *plant;
        o->meter = *plant;
        ch->primed = 1;
    }
    o->plant_m3h = q[0];
    o->sample_m3h = water_mix(n, q, w, &o->sample);
    if (ch->meter == CHANNEL_METER_UPSTREAM) {
        o->meter_m3h = q[0];
        if (q[0] > 0) o->meter = *plant;
    } else {
        o->meter_m3h = o->sample_m3h;
        if (o->sample_m3h > 0) o->meter = o->sample;
    }
}

const channel_out *channel_output(const channel *ch)
{
    return &ch->out;
}

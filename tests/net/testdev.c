/*
 * testdev.c — test device model; see testdev.h.
 */
#include "testdev.h"

#include <string.h>

void testdev_init(testdev *d, int unit)
{
    memset(d, 0, sizeof *d);
    d->unit = unit;
    d->powered = 1;
    for (int i = 0; i < TESTDEV_NSTATUS; i++)
        d->status[i] = (uint16_t)(unit * 100 + i);
    for (int i = 0; i < TESTDEV_NPARAM; i++)
        d->param[i] = (uint16_t)(unit * 256 + 0x20 + i);
    for (int i = 0; i < TESTDEV_NINPUT; i++)
        d->input[i] = (uint16_t)(unit * 1000 + 7 * i);
}

int testdev_value(const testdev *d, int table, uint16_t addr)
{
    if (table == HWDEV_INPUT) {
        if (addr >= TESTDEV_INPUT && addr < TESTDEV_INPUT + TESTDEV_NINPUT)
            return d->input[addr - TESTDEV_INPUT];
        return -1;
    }
    if (addr < TESTDEV_STATUS + TESTDEV_NSTATUS) return d->status[addr - TESTDEV_STATUS];
    if (addr >= TESTDEV_PARAM && addr < TESTDEV_PARAM + TESTDEV_NPARAM)
        return d->param[addr - TESTDEV_PARAM];
    return -1;
}

static int td_read(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out)
{
    testdev *d = dev;
    if (!d->powered) return HWDEV_EX_FAILURE;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t a = (uint32_t)addr + i;
        int v = a <= 0xFFFF ? testdev_value(d, table, (uint16_t)a) : -1;
        if (v < 0) return HWDEV_EX_ADDRESS;
        out[i] = (uint16_t)v;
    }
    d->reads++;
    return 0;
}

static int td_write(void *dev, uint16_t addr, uint16_t n, const uint16_t *in)
{
    testdev *d = dev;
    if (!d->powered) return HWDEV_EX_FAILURE;
    if (addr < TESTDEV_PARAM || (uint32_t)addr + n > TESTDEV_PARAM + TESTDEV_NPARAM)
        return HWDEV_EX_ADDRESS;
    for (uint16_t i = 0; i < n; i++)
        if (in[i] > TESTDEV_PARAM_MAX) return HWDEV_EX_VALUE;
    memcpy(&d->param[addr - TESTDEV_PARAM], in, n * sizeof *in);
    d->writes++;
    return 0;
}

static const hwdev_ops rw_ops = {.kind = "analyzer", .read = td_read, .write = td_write};
static const hwdev_ops ro_ops = {.kind = "camera", .read = td_read, .write = NULL};

hwdev testdev_hwdev(testdev *d, int read_only)
{
    hwdev h = {read_only ? &ro_ops : &rw_ops, d};
    return h;
}

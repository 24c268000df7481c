/*
 * testdev.h — a small device model with a known register map and holes, for the
 * Modbus/TCP endpoint tests (the real models live in hw-models/).
 *
 * Holding registers (03/06/16):
 *   0x0000..0x000F  status, read-only        value unit*100 + i (writes: exception 2)
 *   0x0010..0x001F  hole                     exception 2
 *   0x0020..0x0027  parameters, read/write   initial unit*256 + 0x20 + i; a value above
 *                                            10000 is refused with exception 3
 * Input registers (04):
 *   0x1000..0x1009  measurements             value unit*1000 + 7*i
 * Anything else is unmapped (exception 2). A powered-off device answers exception 4 to
 * every request; a read-only device (kind "camera") has no write function.
 */
#ifndef TESTDEV_H
#define TESTDEV_H

#include "hwdev.h"

#include <stdint.h>

enum {
    TESTDEV_STATUS = 0x0000,
    TESTDEV_NSTATUS = 16,
    TESTDEV_PARAM = 0x0020,
    TESTDEV_NPARAM = 8,
    TESTDEV_PARAM_MAX = 10000,
    TESTDEV_INPUT = 0x1000,
    TESTDEV_NINPUT = 10
};

typedef struct testdev {
    int unit;
    int powered;
    uint16_t status[TESTDEV_NSTATUS];
    uint16_t param[TESTDEV_NPARAM];
    uint16_t input[TESTDEV_NINPUT];
    unsigned reads, writes;
} testdev;

void testdev_init(testdev *d, int unit);
/* The bus view: read-write ("analyzer") or read-only ("camera"). */
hwdev testdev_hwdev(testdev *d, int read_only);
/* The value the model holds, -1 for an unmapped register (table HWDEV_HOLDING/INPUT). */
int testdev_value(const testdev *d, int table, uint16_t addr);

#endif

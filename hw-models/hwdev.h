/*
 * hwdev.h — what a device model shows to a bus: Modbus-style register tables.
 *
 * A bus (the Modbus/TCP endpoint in sim/) holds one hwdev per unit id and calls these
 * functions; the model answers from its state and acts on writes at once. No sockets here.
 * Return values are 0 or a Modbus exception code (HWDEV_EX_*), so a bus can answer a
 * request with the model's own verdict.
 */
#ifndef HWDEV_H
#define HWDEV_H

#include <stdint.h>

enum { HWDEV_HOLDING = 3, HWDEV_INPUT = 4 }; /* register tables, by their read function code */

enum {
    HWDEV_EX_FUNCTION = 1, /* illegal function */
    HWDEV_EX_ADDRESS = 2,  /* illegal data address: any register of the range is unmapped */
    HWDEV_EX_VALUE = 3,    /* illegal data value */
    HWDEV_EX_FAILURE = 4,  /* server device failure (powered off, faulted) */
    HWDEV_EX_BUSY = 6      /* server device busy */
};

/* Who changed a parameter or issued a command (parameter-change logs). */
enum { HWDEV_SRC_MODBUS = 1, HWDEV_SRC_PANEL = 2, HWDEV_SRC_SCENARIO = 3 };

typedef struct hwdev_ops {
    const char *kind; /* "analyzer", "probe", "flowmeter", "sampler", "door", "camera", "meter" */
    /* Reads n registers of table (HWDEV_HOLDING or HWDEV_INPUT) from addr into out. */
    int (*read)(void *dev, int table, uint16_t addr, uint16_t n, uint16_t *out);
    /* Writes n holding registers at addr (function 06 writes one). */
    int (*write)(void *dev, uint16_t addr, uint16_t n, const uint16_t *in);
} hwdev_ops;

typedef struct hwdev {
    const hwdev_ops *ops;
    void *dev;
} hwdev;

#endif

/*
 * mbreply.h — Modbus/TCP replies by libmodbus, sent to a client or captured in memory.
 *
 * libmodbus's modbus_reply() writes the reply straight to the context's socket and, if a
 * send is partial, does not say how much went out; some of its exception paths also sleep
 * for the response timeout and flush (read!) the socket. It also answers functions the
 * stations do not have (3.1.6: 0x01/0x02/0x05/0x0F/0x16/0x17 from the scratch mapping,
 * 0x11 report slave id with its own version string, 0x07 not at all, 0x80..0xFF with a
 * wrapped function code). So the server validates every request itself and only asks
 * libmodbus to format replies to well-formed 03/04/06/16 requests, and exceptions through
 * modbus_reply_exception, whose function code is fixed for 0x80..0xFF (function | 0x80).
 *
 * Each call takes a destination: fd >= 0 is a client socket with nothing queued before
 * it (modbus_set_socket to it; returns the reply length, or -1 with errno EAGAIN when
 * nothing was sent, EMBBADDATA when only part was, else the socket's error); fd < 0
 * captures the reply into out (cap >= MBFRAME_MAX_ADU) through a private socketpair,
 * for the caller to queue behind bytes still pending on a slow client.
 *
 * One mbreply serves any number of servers of one thread (see mbloop.h).
 */
#ifndef MBREPLY_H
#define MBREPLY_H

#include <stddef.h>
#include <stdint.h>

typedef struct mbreply mbreply;

/* NULL on failure with a message in err. */
mbreply *mbreply_new(char *err, size_t errlen);
void mbreply_free(mbreply *r);

/* Reply to a validated 03 or 04 request frame (len bytes, MBAP included) with the n
 * registers the device gave. */
int mbreply_read(mbreply *r, int fd, const uint8_t *req, size_t len, const uint16_t *regs,
                 uint16_t n, uint8_t *out, size_t cap);

/* Reply to a validated 06 or 16 request frame that the device accepted. */
int mbreply_write(mbreply *r, int fd, const uint8_t *req, size_t len, uint8_t *out, size_t cap);

/* Exception reply (code 1..0x0B) to a request frame. */
int mbreply_exception(mbreply *r, int fd, const uint8_t *req, size_t len, int code, uint8_t *out,
                      size_t cap);

#endif

/*
 * hj212-sm4.h — SM4-ECB cipher for HJ 212-2025 CP encryption, backed by OpenSSL EVP.
 *
 * What is encrypted: the CP content between "CP=&&" and the closing "&&", PKCS#7 padded,
 * SM4-ECB with a 16-byte key; on the wire as uppercase hex. The CRC covers the data segment
 * with the plaintext CP; the length field counts the bytes sent (the hex).
 * How a receiver tells: a key is configured (hj212_opts.cipher) and the CP content is only
 * hex digits, non-empty, a multiple of 32 characters (whole blocks). A plaintext CP with any
 * field has '=', so it never looks encrypted. Without a key such a packet is refused with
 * HJ212_E_CRYPT.
 *
 * Depends on OpenSSL libcrypto (EVP_sm4_ecb, in the default provider of OpenSSL 3.0).
 */
#ifndef HJ212_SM4_H
#define HJ212_SM4_H

#include "hj212.h"

/* A cipher table with its own OpenSSL context; NULL on failure (SM4 unavailable). */
hj212_cipher *hj212_sm4_new(const unsigned char key[16]);
void hj212_sm4_free(hj212_cipher *c); /* NULL is a no-op */
/* Parses 32 hex digits (either case) into key; 0, or -1 when malformed. */
int hj212_sm4_key_parse(const char *hex32, unsigned char key[16]);

#endif

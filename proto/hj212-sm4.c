/*
 * hj212-sm4.c — hj212_cipher backed by OpenSSL EVP SM4-ECB with PKCS#7 padding.
 */
#include "hj212-sm4.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

typedef struct sm4 {
    hj212_cipher tab; /* first: the public handle is &tab */
    EVP_CIPHER_CTX *ctx;
    unsigned char key[16];
} sm4;

static int run(sm4 *s, int enc, const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
    int l1 = 0, l2 = 0;
    if (n > (size_t)INT32_MAX - 32 || cap < n + (enc ? 16 : 0)) return -1;
    if (EVP_CipherInit_ex(s->ctx, EVP_sm4_ecb(), NULL, s->key, NULL, enc) != 1 ||
        EVP_CIPHER_CTX_set_padding(s->ctx, 1) != 1 ||
        EVP_CipherUpdate(s->ctx, out, &l1, in, (int)n) != 1 ||
        EVP_CipherFinal_ex(s->ctx, out + l1, &l2) != 1)
        return -1;
    return l1 + l2;
}

static int sm4_encrypt(void *ctx, const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
    return run(ctx, 1, in, n, out, cap);
}

static int sm4_decrypt(void *ctx, const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
    if (n == 0 || n % 16 != 0) return -1;
    return run(ctx, 0, in, n, out, cap);
}

hj212_cipher *hj212_sm4_new(const unsigned char key[16])
{
    sm4 *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->ctx = EVP_CIPHER_CTX_new();
    if (!s->ctx || !EVP_sm4_ecb()) {
        EVP_CIPHER_CTX_free(s->ctx);
        free(s);
        return NULL;
    }
    memcpy(s->key, key, 16);
    s->tab.encrypt = sm4_encrypt;
    s->tab.decrypt = sm4_decrypt;
    s->tab.ctx = s;
    return &s->tab;
}

void hj212_sm4_free(hj212_cipher *c)
{
    if (!c) return;
    sm4 *s = c->ctx;
    EVP_CIPHER_CTX_free(s->ctx);
    memset(s->key, 0, sizeof s->key);
    free(s);
}

int hj212_sm4_key_parse(const char *hex32, unsigned char key[16])
{
    unsigned char k[16];
    for (int i = 0; i < 32; i++) {
        int c = (unsigned char)hex32[i], d = -1;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        if (d < 0) return -1;
        if (i % 2 == 0)
            k[i / 2] = (unsigned char)(d << 4);
        else
            k[i / 2] |= (unsigned char)d;
    }
    if (hex32[32] != '\0') return -1;
    memcpy(key, k, 16);
    return 0;
}

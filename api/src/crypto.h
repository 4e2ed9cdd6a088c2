/* crypto.h: the few primitives Portico needs, over OpenSSL libcrypto: hashes, HMAC, randomness, encodings. */
#ifndef PORTICO_CRYPTO_H
#define PORTICO_CRYPTO_H
#include <stddef.h>
#include <stdint.h>

void crypto_sha256(const void *data, size_t len, uint8_t out[32]);
void crypto_hmac_sha256(const void *key, size_t keylen, const void *data, size_t len, uint8_t out[32]);
/* Cryptographically secure random bytes; returns 0, or -1 when the system RNG fails. */
int crypto_random(void *buf, size_t len);
/* Lower-case hex of len bytes into out (2*len+1 bytes). */
void crypto_hex(const uint8_t *in, size_t len, char *out);
/* base64url without padding; out needs 4*ceil(len/3)+1 bytes. Returns the string length. */
size_t crypto_b64url_encode(const uint8_t *in, size_t len, char *out);
/* Decodes base64url (padding optional). Returns the byte count, or -1 on a bad character or out too small. */
long crypto_b64url_decode(const char *in, size_t inlen, uint8_t *out, size_t outcap);
/* Constant-time comparison; 1 when equal. */
int crypto_equal(const void *a, const void *b, size_t len);

#endif

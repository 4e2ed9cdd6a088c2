/* crypto.c: thin wrappers over libcrypto so that no other file includes OpenSSL headers. No state. */
#include "crypto.h"
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <string.h>

void crypto_sha256(const void *data, size_t len, uint8_t out[32])
{
  unsigned int n = 32;
  EVP_Digest(data, len, out, &n, EVP_sha256(), NULL);
}

void crypto_hmac_sha256(const void *key, size_t keylen, const void *data, size_t len, uint8_t out[32])
{
  unsigned int n = 32;
  HMAC(EVP_sha256(), key, (int)keylen, data, len, out, &n);
}

int crypto_random(void *buf, size_t len)
{
  return RAND_bytes(buf, (int)len) == 1 ? 0 : -1;
}

void crypto_hex(const uint8_t *in, size_t len, char *out)
{
  static const char digits[] = "0123456789abcdef";
  for (size_t i = 0; i < len; i++) {
    out[2 * i] = digits[in[i] >> 4];
    out[2 * i + 1] = digits[in[i] & 15];
  }
  out[2 * len] = '\0';
}

static const char B64URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t crypto_b64url_encode(const uint8_t *in, size_t len, char *out)
{
  size_t o = 0, i = 0;
  for (; i + 2 < len; i += 3) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
    out[o++] = B64URL[v >> 18 & 63];
    out[o++] = B64URL[v >> 12 & 63];
    out[o++] = B64URL[v >> 6 & 63];
    out[o++] = B64URL[v & 63];
  }
  if (len - i == 1) {
    uint32_t v = (uint32_t)in[i] << 16;
    out[o++] = B64URL[v >> 18 & 63];
    out[o++] = B64URL[v >> 12 & 63];
  } else if (len - i == 2) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
    out[o++] = B64URL[v >> 18 & 63];
    out[o++] = B64URL[v >> 12 & 63];
    out[o++] = B64URL[v >> 6 & 63];
  }
  out[o] = '\0';
  return o;
}

static int b64url_value(char c)
{
  const char *p = c ? strchr(B64URL, c) : NULL;
  return p ? (int)(p - B64URL) : -1;
}

long crypto_b64url_decode(const char *in, size_t inlen, uint8_t *out, size_t outcap)
{
  while (inlen > 0 && in[inlen - 1] == '=') {
    inlen--;
  }
  if (inlen % 4 == 1) {
    return -1;
  }
  size_t o = 0;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < inlen; i++) {
    int v = b64url_value(in[i]);
    if (v < 0) {
      return -1;
    }
    acc = (acc << 6) | (uint32_t)v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (o >= outcap) {
        return -1;
      }
      out[o++] = (uint8_t)(acc >> bits);
      acc &= (1u << bits) - 1u;
    }
  }
  return (long)o;
}

int crypto_equal(const void *a, const void *b, size_t len)
{
  return CRYPTO_memcmp(a, b, len) == 0;
}

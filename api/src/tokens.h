/* tokens.h: the signing key ring and HS256 JWTs for merchant access tokens and portal tokens (DESIGN §6). */
#ifndef PORTICO_TOKENS_H
#define PORTICO_TOKENS_H
#include <stddef.h>
#include "rfc3339.h"

#define KEYRING_MAX 8
#define TOKEN_LEEWAY_SECONDS 30
#define TOKEN_MAX_LEN 4096
#define AUD_MERCHANT "portico:merchant"
#define AUD_PORTAL "portico:portal"

struct signing_key {
  char kid[64];
  unsigned char secret[256];
  size_t len;
};

/* keys[0] signs; every key verifies (rotation: put the new key first, keep the old one until its tokens expire). */
struct keyring {
  struct signing_key keys[KEYRING_MAX];
  int n;
};

/* Parses "kid:secret,kid:secret" (kid [A-Za-z0-9._-]{1,63}, secret 32..255 bytes, kids unique). 0 or -1 + err. */
int keyring_parse(struct keyring *ring, const char *spec, char *err, size_t errlen);
int keyring_add(struct keyring *ring, const char *kid, const char *secret, char *err, size_t errlen);
void keyring_wipe(struct keyring *ring);

struct token_claims {
  char sub[64];
  char aud[32];
  char scope[256];
  char jti[40];
  char kid[64];
  instant_t iat;
  instant_t exp;
};

enum token_status {
  TOKEN_OK = 0,
  TOKEN_MALFORMED,      /* not three base64url parts, header not a JSON object, too long */
  TOKEN_BAD_ALGORITHM,  /* anything but HS256 in the header or after decoding (none, HS512, RS256 ...) */
  TOKEN_UNKNOWN_KEY,    /* kid missing or not in the ring */
  TOKEN_BAD_SIGNATURE,
  TOKEN_MISSING_CLAIM,  /* exp, aud, sub or jti absent or of the wrong type */
  TOKEN_WRONG_AUDIENCE,
  TOKEN_EXPIRED,
};

const char *token_status_message(enum token_status st);

/* Signs a token with keys[0]. jti_out (>= 37 bytes) receives the new token id. Returns a malloc'd string the caller
 * frees with free(), or NULL. `scope` may be NULL. */
char *token_issue(const struct keyring *ring, const char *iss, const char *aud, const char *sub, const char *scope,
                  instant_t now, int ttl_seconds, char *jti_out);

/* Checks, in this order: shape, header alg == HS256, known kid, signature, alg again, exp (leeway 30 s), aud, sub
 * and jti. libjwt 1.10 checks none of exp/aud/alg itself (STACK.md). Fills *out only on TOKEN_OK. */
enum token_status token_verify(const struct keyring *ring, const char *token, const char *aud, instant_t now,
                               struct token_claims *out);

/* A random version-4 UUID in canonical text form (37 bytes with NUL). Returns 0, -1 when the RNG fails. */
int token_new_uuid(char out[37]);

#endif

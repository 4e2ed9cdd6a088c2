/* tokens.c: issues and verifies HS256 JWTs with libjwt 1.10, doing every check libjwt leaves out: the header's alg
 * and kid are read and checked *before* a key is chosen (so no alg:none, no algorithm confusion, no HS512 with the
 * same secret), then exp with a bounded leeway, the audience, and the presence of sub and jti.
 * Revocation lives with the portal-token store, not here: this file has no I/O. */
#include "tokens.h"
#include "crypto.h"
#include <errno.h>
#include <jansson.h>
#include <jwt.h>
#include <stdio.h>
#include <string.h>

static int kid_is_valid(const char *kid, size_t len)
{
  if (len == 0 || len > 63) {
    return 0;
  }
  for (size_t i = 0; i < len; i++) {
    char c = kid[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '-')) {
      return 0;
    }
  }
  return 1;
}

static const struct signing_key *keyring_find(const struct keyring *ring, const char *kid)
{
  for (int i = 0; i < ring->n; i++) {
    if (strcmp(ring->keys[i].kid, kid) == 0) {
      return &ring->keys[i];
    }
  }
  return NULL;
}

static int keyring_add_n(struct keyring *ring, const char *kid, size_t kidlen, const char *secret, size_t slen,
                         char *err, size_t errlen)
{
  if (ring->n >= KEYRING_MAX) {
    snprintf(err, errlen, "at most %d signing keys", KEYRING_MAX);
    return -1;
  }
  if (!kid_is_valid(kid, kidlen)) {
    snprintf(err, errlen, "signing key id must be 1..63 of [A-Za-z0-9._-]");
    return -1;
  }
  if (slen < 32 || slen > sizeof ring->keys[0].secret) {
    snprintf(err, errlen, "signing key '%.*s' must have a secret of 32..255 bytes", (int)kidlen, kid);
    return -1;
  }
  struct signing_key *k = &ring->keys[ring->n];
  memcpy(k->kid, kid, kidlen);
  k->kid[kidlen] = '\0';
  if (keyring_find(ring, k->kid) != NULL && keyring_find(ring, k->kid) != k) {
    snprintf(err, errlen, "signing key id '%s' appears twice", k->kid);
    return -1;
  }
  memcpy(k->secret, secret, slen);
  k->len = slen;
  ring->n++;
  return 0;
}

int keyring_add(struct keyring *ring, const char *kid, const char *secret, char *err, size_t errlen)
{
  return keyring_add_n(ring, kid, strlen(kid), secret, strlen(secret), err, errlen);
}

int keyring_parse(struct keyring *ring, const char *spec, char *err, size_t errlen)
{
  memset(ring, 0, sizeof *ring);
  const char *p = spec;
  while (p && *p) {
    const char *comma = strchr(p, ',');
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    const char *colon = memchr(p, ':', len);
    if (!colon) {
      snprintf(err, errlen, "signing keys must be kid:secret,... (missing ':')");
      keyring_wipe(ring);
      return -1;
    }
    if (keyring_add_n(ring, p, (size_t)(colon - p), colon + 1, len - (size_t)(colon - p) - 1, err, errlen)) {
      keyring_wipe(ring);
      return -1;
    }
    p = comma ? comma + 1 : NULL;
  }
  if (ring->n == 0) {
    snprintf(err, errlen, "no signing key given");
    return -1;
  }
  return 0;
}

void keyring_wipe(struct keyring *ring)
{
  volatile unsigned char *p = (volatile unsigned char *)ring;
  for (size_t i = 0; i < sizeof *ring; i++) {
    p[i] = 0;
  }
}

const char *token_status_message(enum token_status st)
{
  switch (st) {
  case TOKEN_OK: return "ok";
  case TOKEN_MALFORMED: return "the token is malformed";
  case TOKEN_BAD_ALGORITHM: return "the token's algorithm is not accepted";
  case TOKEN_UNKNOWN_KEY: return "the token's key id is unknown";
  case TOKEN_BAD_SIGNATURE: return "the token's signature is invalid";
  case TOKEN_MISSING_CLAIM: return "the token lacks a required claim";
  case TOKEN_WRONG_AUDIENCE: return "the token is not meant for this API";
  case TOKEN_EXPIRED: return "the token has expired";
  }
  return "invalid token";
}

int token_new_uuid(char out[37])
{
  uint8_t b[16];
  if (crypto_random(b, sizeof b)) {
    return -1;
  }
  b[6] = (uint8_t)((b[6] & 0x0F) | 0x40);
  b[8] = (uint8_t)((b[8] & 0x3F) | 0x80);
  char hex[33];
  crypto_hex(b, 16, hex);
  snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
  return 0;
}

char *token_issue(const struct keyring *ring, const char *iss, const char *aud, const char *sub, const char *scope,
                  instant_t now, int ttl_seconds, char *jti_out)
{
  jwt_t *jwt = NULL;
  char *out = NULL;
  char jti[37];
  if (ring->n < 1 || token_new_uuid(jti) || jwt_new(&jwt)) {
    return NULL;
  }
  const struct signing_key *k = &ring->keys[0];
  if (jwt_add_header(jwt, "kid", k->kid) || jwt_add_grant(jwt, "iss", iss) || jwt_add_grant(jwt, "aud", aud) ||
      jwt_add_grant(jwt, "sub", sub) || jwt_add_grant(jwt, "jti", jti) ||
      jwt_add_grant_int(jwt, "iat", (long)now) || jwt_add_grant_int(jwt, "exp", (long)(now + ttl_seconds)) ||
      (scope && jwt_add_grant(jwt, "scope", scope)) ||
      jwt_set_alg(jwt, JWT_ALG_HS256, k->secret, (int)k->len)) {
    goto out;
  }
  out = jwt_encode_str(jwt);
  if (out && jti_out) {
    memcpy(jti_out, jti, 37);
  }
out:
  jwt_free(jwt);
  return out;
}

/* Reads the unverified header and returns the key it names, after insisting on alg HS256. */
static enum token_status header_key(const struct keyring *ring, const char *token, const struct signing_key **key,
                                    char *kid_out, size_t kidlen)
{
  const char *dot1 = strchr(token, '.');
  const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
  if (!dot1 || !dot2 || strchr(dot2 + 1, '.') || dot1 == token || dot2 == dot1 + 1) {
    return TOKEN_MALFORMED;
  }
  uint8_t hdr[1024];
  long n = crypto_b64url_decode(token, (size_t)(dot1 - token), hdr, sizeof hdr);
  if (n <= 0) {
    return TOKEN_MALFORMED;
  }
  json_t *j = json_loadb((const char *)hdr, (size_t)n, JSON_REJECT_DUPLICATES, NULL);
  enum token_status st = TOKEN_OK;
  if (!json_is_object(j)) {
    st = TOKEN_MALFORMED;
    goto out;
  }
  const char *alg = json_string_value(json_object_get(j, "alg"));
  if (!alg || strcmp(alg, "HS256") != 0) {
    st = TOKEN_BAD_ALGORITHM;
    goto out;
  }
  const char *kid = json_string_value(json_object_get(j, "kid"));
  *key = kid ? keyring_find(ring, kid) : NULL;
  if (!*key) {
    st = TOKEN_UNKNOWN_KEY;
    goto out;
  }
  snprintf(kid_out, kidlen, "%s", kid);
out:
  json_decref(j);
  return st;
}

static int copy_claim(jwt_t *jwt, const char *name, char *dst, size_t len, int required)
{
  errno = 0;
  const char *v = jwt_get_grant(jwt, name);
  if (!v) {
    dst[0] = '\0';
    return required ? -1 : 0;
  }
  if (strlen(v) >= len || (required && !*v)) {
    return -1;
  }
  memcpy(dst, v, strlen(v) + 1);
  return 0;
}

enum token_status token_verify(const struct keyring *ring, const char *token, const char *aud, instant_t now,
                               struct token_claims *out)
{
  if (!token || !*token || strlen(token) > TOKEN_MAX_LEN) {
    return TOKEN_MALFORMED;
  }
  const struct signing_key *key = NULL;
  struct token_claims c;
  memset(&c, 0, sizeof c);
  enum token_status st = header_key(ring, token, &key, c.kid, sizeof c.kid);
  if (st != TOKEN_OK) {
    return st;
  }
  jwt_t *jwt = NULL;
  if (jwt_decode(&jwt, token, key->secret, (int)key->len) != 0 || !jwt) {
    return TOKEN_BAD_SIGNATURE;
  }
  if (jwt_get_alg(jwt) != JWT_ALG_HS256) {
    st = TOKEN_BAD_ALGORITHM;
    goto out;
  }
  errno = 0;
  long exp = jwt_get_grant_int(jwt, "exp");
  if (errno != 0) {
    st = TOKEN_MISSING_CLAIM;
    goto out;
  }
  errno = 0;
  long iat = jwt_get_grant_int(jwt, "iat");
  if (errno != 0) {
    iat = 0;
  }
  if (copy_claim(jwt, "aud", c.aud, sizeof c.aud, 1)) {
    /* absent, or an array (jwt_get_grant returns NULL for non-strings): never guess which member was meant */
    st = TOKEN_WRONG_AUDIENCE;
    goto out;
  }
  if (copy_claim(jwt, "sub", c.sub, sizeof c.sub, 1) || copy_claim(jwt, "jti", c.jti, sizeof c.jti, 1) ||
      copy_claim(jwt, "scope", c.scope, sizeof c.scope, 0)) {
    st = TOKEN_MISSING_CLAIM;
    goto out;
  }
  if (strcmp(c.aud, aud) != 0) {
    st = TOKEN_WRONG_AUDIENCE;
    goto out;
  }
  if ((instant_t)exp + TOKEN_LEEWAY_SECONDS < now) {
    st = TOKEN_EXPIRED;
    goto out;
  }
  c.exp = exp;
  c.iat = iat;
  *out = c;
out:
  jwt_free(jwt);
  return st;
}

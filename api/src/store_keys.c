/* store_keys.c: the development signing key, shared through the database so that several portico processes
 * accept each other's tokens. Used only when PORTICO_SIGNING_KEYS is unset outside production. */
#include "store.h"
#include "crypto.h"
#include <stdio.h>

static const struct db_stmt INSERT_KEY = {NULL,
  "INSERT INTO signing_keys (kid, secret) VALUES ('dev-1', $1) ON CONFLICT (kid) DO NOTHING", 0};
static const struct db_stmt SELECT_KEY = {NULL,
  "SELECT kid, secret FROM signing_keys WHERE kid = 'dev-1'", 1};

enum db_status store_keys_dev(char *kid, size_t kidlen, char *secret, size_t secretlen)
{
  uint8_t raw[32];
  char hex[65];
  if (crypto_random(raw, sizeof raw)) {
    return DB_ERROR;
  }
  crypto_hex(raw, sizeof raw, hex);
  const char *params[] = {hex};
  enum db_status st = db_exec(&INSERT_KEY, 1, params, NULL);
  if (st != DB_OK) {
    return st;
  }
  struct db_result *r = NULL;
  st = db_exec(&SELECT_KEY, 0, NULL, &r);
  if (st == DB_OK && db_rows(r) == 1) {
    snprintf(kid, kidlen, "%s", db_value(r, 0, 0));
    snprintf(secret, secretlen, "%s", db_value(r, 0, 1));
  } else if (st == DB_OK) {
    st = DB_ERROR;
  }
  db_result_free(r);
  return st;
}

/* store_clients.c: the SQL of API clients. Secrets are never stored, only their SHA-256. */
#include "store.h"
#include <stdio.h>
#include <string.h>

static const struct db_stmt INSERT_CLIENT = {NULL,
  "INSERT INTO api_clients (name, scopes, secret_sha256) "
  "VALUES ($1, string_to_array($2, ' '), decode($3, 'hex')) RETURNING id", 0};
static const struct db_stmt GET_CLIENT = {"client_get",
  "SELECT id, encode(secret_sha256, 'hex'), array_to_string(scopes, ' '), disabled_at IS NOT NULL "
  "FROM api_clients WHERE id = $1", 1};

enum db_status store_client_create(const char *name, const char *scopes, const char *secret_sha256_hex,
                                   char *id_out)
{
  const char *params[] = {name, scopes, secret_sha256_hex};
  struct db_result *r = NULL;
  enum db_status st = db_exec(&INSERT_CLIENT, 3, params, &r);
  if (st == DB_OK) {
    snprintf(id_out, 37, "%s", db_value(r, 0, 0));
  }
  db_result_free(r);
  return st;
}

enum db_status store_client_get(const char *id, struct api_client *out, int *found)
{
  const char *params[] = {id};
  struct db_result *r = NULL;
  *found = 0;
  enum db_status st = db_exec(&GET_CLIENT, 1, params, &r);
  if (st == DB_OK && db_rows(r) == 1) {
    snprintf(out->id, sizeof out->id, "%s", db_value(r, 0, 0));
    snprintf(out->secret_sha256_hex, sizeof out->secret_sha256_hex, "%s", db_value(r, 0, 1));
    snprintf(out->scopes, sizeof out->scopes, "%s", db_value(r, 0, 2));
    out->disabled = strcmp(db_value(r, 0, 3), "t") == 0;
    *found = 1;
  }
  db_result_free(r);
  return st;
}

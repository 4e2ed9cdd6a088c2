/* store.h: the SQL of each resource (store_<resource>.c). Stores never build HTTP responses. */
#ifndef PORTICO_STORE_H
#define PORTICO_STORE_H
#include <jansson.h>
#include "db.h"

/* API clients (merchant backends). */
struct api_client {
  char id[37];
  char secret_sha256_hex[65];
  char scopes[256]; /* space-separated */
  int disabled;
};
/* Inserts a client; id_out (37 bytes) receives its id. scopes is space-separated [a-z:] words. */
enum db_status store_client_create(const char *name, const char *scopes, const char *secret_sha256_hex,
                                   char *id_out);
/* DB_OK and *found=1 when the client exists. */
enum db_status store_client_get(const char *id, struct api_client *out, int *found);

/* The shared development signing key (created on first use). */
enum db_status store_keys_dev(char *kid, size_t kidlen, char *secret, size_t secretlen);

/* Events, newest first; before_seq 0 = from the newest. *out receives a JSON array; *next_seq 0 when no more. */
enum db_status store_events_list(int limit, long long before_seq, const char *type, json_t **out,
                                 long long *next_seq);

/* The settings document (NULL when never saved). */
enum db_status store_settings_get(json_t **out);
enum db_status store_settings_put(const json_t *doc);
/* Effective settings: stored over defaults (http_settings.c). */
enum db_status settings_load(json_t **out);

#endif

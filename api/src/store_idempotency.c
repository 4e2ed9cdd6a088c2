/* store_idempotency.c: one row per (client, Idempotency-Key). The INSERT ... ON CONFLICT DO NOTHING claims a key
 * atomically, so two concurrent requests with one key cannot both run; the loser sees "in progress". */
#include "store_idempotency.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum db_status store_idem_begin(const char *client, const char *key, const char *route, const char *hash,
                                instant_t now, struct idem_record *out)
{
  static const struct db_stmt EXPIRE = {NULL,
    "DELETE FROM idempotency_keys WHERE client_id = $1 AND key = $2 "
    "AND created_at < $3::timestamptz - interval '24 hours'", 0};
  static const struct db_stmt CLAIM = {NULL,
    "INSERT INTO idempotency_keys (client_id, key, route, request_hash, created_at) "
    "VALUES ($1, $2, $3, $4, $5::timestamptz) ON CONFLICT DO NOTHING RETURNING key", 0};
  static const struct db_stmt READ = {NULL,
    "SELECT route = $3 AND request_hash = $4, status, response FROM idempotency_keys "
    "WHERE client_id = $1 AND key = $2", 0};
  char now_s[32];
  rfc3339_format(now, now_s, sizeof now_s);
  const char *p3[] = {client, key, now_s};
  const char *p5[] = {client, key, route, hash, now_s};
  struct db_result *r = NULL;
  memset(out, 0, sizeof *out);
  enum db_status st = db_exec(&EXPIRE, 3, p3, NULL);
  if (st == DB_OK) {
    st = db_exec(&CLAIM, 5, p5, &r);
  }
  if (st != DB_OK || db_rows(r) == 1) {
    db_result_free(r);
    return st;
  }
  db_result_free(r);
  r = NULL;
  if ((st = db_exec(&READ, 4, p5, &r)) != DB_OK || db_rows(r) != 1) {
    db_result_free(r);
    return st == DB_OK ? DB_RETRY : st; /* expired and deleted between the two statements */
  }
  if (strcmp(db_value(r, 0, 0), "t") != 0) {
    out->state = IDEM_MISMATCH;
  } else if (!db_value(r, 0, 1)) {
    out->state = IDEM_IN_PROGRESS;
  } else {
    out->state = IDEM_REPLAY;
    out->status = atoi(db_value(r, 0, 1));
    out->response = strdup(db_value(r, 0, 2) ? db_value(r, 0, 2) : "");
  }
  db_result_free(r);
  return DB_OK;
}

enum db_status store_idem_finish(const char *client, const char *key, int status, const char *body, size_t len)
{
  static const struct db_stmt DONE = {NULL,
    "UPDATE idempotency_keys SET status = $3::int, response = $4 WHERE client_id = $1 AND key = $2", 0};
  static const struct db_stmt RELEASE = {NULL,
    "DELETE FROM idempotency_keys WHERE client_id = $1 AND key = $2", 0};
  if (status >= 500) {
    const char *p[] = {client, key};
    return db_exec(&RELEASE, 2, p, NULL);
  }
  char st[16];
  snprintf(st, sizeof st, "%d", status);
  char *text = strndup(body ? body : "", body ? len : 0);
  const char *p[] = {client, key, st, text};
  enum db_status s = db_exec(&DONE, 4, p, NULL);
  free(text);
  return s;
}

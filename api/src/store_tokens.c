/* store_tokens.c: the SQL of portal tokens: issue records, listing, revocation, and the check every portal
 * request makes (the JWT proves who signed it; this row proves it was not revoked). */
#include "store_tokens.h"
#include <string.h>

#define TS(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

enum db_status store_token_insert(const char *jti, const char *contract_id, const char *created_by, instant_t expires)
{
  static const struct db_stmt INS = {NULL,
    "INSERT INTO portal_tokens (jti, contract_id, created_by, expires_at) VALUES ($1, $2, $3, $4)", 0};
  char exp[32];
  const char *params[] = {jti, contract_id, created_by, rfc3339_format(expires, exp, sizeof exp)};
  return db_exec(&INS, 4, params, NULL);
}

enum db_status store_token_list(const char *contract_id, instant_t now, json_t **out)
{
  static const struct db_stmt LIST = {NULL,
    "SELECT jti, created_by, " TS("created_at") ", " TS("expires_at") ", " TS("revoked_at") ", "
    "revoked_at IS NULL AND expires_at > $2::timestamptz FROM portal_tokens WHERE contract_id = $1 "
    "ORDER BY created_at DESC, jti LIMIT 100", 1};
  char now_s[32];
  const char *params[] = {contract_id, rfc3339_format(now, now_s, sizeof now_s)};
  struct db_result *r = NULL;
  *out = NULL;
  enum db_status st = db_exec(&LIST, 2, params, &r);
  if (st == DB_OK) {
    *out = json_array();
    for (int i = 0; i < db_rows(r); i++) {
      const char *revoked = db_value(r, i, 4);
      json_array_append_new(*out, json_pack("{s:s, s:s, s:s, s:s, s:o, s:b}", "jti", db_value(r, i, 0),
        "createdBy", db_value(r, i, 1), "createdAt", db_value(r, i, 2), "expiresAt", db_value(r, i, 3),
        "revokedAt", revoked ? json_string(revoked) : json_null(), "active", strcmp(db_value(r, i, 5), "t") == 0));
    }
  }
  db_result_free(r);
  return st;
}

enum db_status store_token_revoke(const char *contract_id, const char *jti, instant_t now, int *found)
{
  static const struct db_stmt REV = {NULL,
    "UPDATE portal_tokens SET revoked_at = coalesce(revoked_at, $3::timestamptz) WHERE contract_id = $1 AND jti = $2 "
    "RETURNING jti", 0};
  char now_s[32];
  const char *params[] = {contract_id, jti, rfc3339_format(now, now_s, sizeof now_s)};
  struct db_result *r = NULL;
  enum db_status st = db_exec(&REV, 3, params, &r);
  *found = st == DB_OK && db_rows(r) == 1;
  db_result_free(r);
  return st;
}

enum db_status store_token_valid(const char *jti, const char *contract_id, int *valid)
{
  static const struct db_stmt VALID = {"token_valid",
    "SELECT 1 FROM portal_tokens t JOIN contracts c ON c.id = t.contract_id "
    "WHERE t.jti = $1::uuid AND t.contract_id = $2::uuid AND t.revoked_at IS NULL", 1};
  const char *params[] = {jti, contract_id};
  struct db_result *r = NULL;
  enum db_status st = db_exec(&VALID, 2, params, &r);
  *valid = st == DB_OK && db_rows(r) == 1;
  db_result_free(r);
  return st;
}

/* migrate.c: plans and applies schema migrations. The plan (migrate_plan) is pure and unit-tested: names, order,
 * and refusal of edited or vanished migrations. Applying takes a session advisory lock so that two processes
 * starting together cannot both migrate, and runs each file in its own transaction together with its record. */
#include "migrate.h"
#include "crypto.h"
#include "db.h"
#include "embedded.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void migrate_checksum(const struct migration *m, char out[65])
{
  uint8_t h[32];
  crypto_sha256(m->sql, m->len, h);
  crypto_hex(h, 32, out);
}

static int migration_number(const char *name)
{
  size_t len = strlen(name);
  if (len < 10 || strcmp(name + len - 4, ".sql") != 0 || name[4] != '_') {
    return -1;
  }
  int n = 0;
  for (int i = 0; i < 4; i++) {
    if (name[i] < '0' || name[i] > '9') {
      return -1;
    }
    n = n * 10 + (name[i] - '0');
  }
  for (size_t i = 5; i < len - 4; i++) {
    char c = name[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return -1;
    }
  }
  return n;
}

int migrate_plan(const struct migration *files, size_t nfiles, const struct applied_migration *applied,
                 size_t napplied, size_t *pending_from, char *err, size_t errlen)
{
  int prev = 0;
  for (size_t i = 0; i < nfiles; i++) {
    int n = migration_number(files[i].name);
    if (n < 1) {
      snprintf(err, errlen, "migration file '%s' is not named NNNN_lower_case_name.sql", files[i].name);
      return -1;
    }
    if (n <= prev) {
      snprintf(err, errlen, "migration '%s' is out of order or repeats number %04d", files[i].name, n);
      return -1;
    }
    prev = n;
  }
  for (size_t i = 0; i < napplied; i++) {
    if (i >= nfiles || strcmp(applied[i].name, files[i].name) != 0) {
      snprintf(err, errlen,
               "the database has migration '%s' applied, which this build does not have at that position; "
               "run a build that includes it (migrations are never renamed or removed)",
               applied[i].name);
      return -1;
    }
    char sum[65];
    migrate_checksum(&files[i], sum);
    if (strcmp(sum, applied[i].checksum) != 0) {
      snprintf(err, errlen,
               "migration '%s' was edited after it was applied (checksum %.12s... in the database, %.12s... in this "
               "build); restore the original file and put the change into a new migration",
               files[i].name, applied[i].checksum, sum);
      return -1;
    }
  }
  *pending_from = napplied;
  return 0;
}

static const struct db_stmt CREATE_TABLE = {NULL,
  "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, "
  "applied_at timestamptz NOT NULL DEFAULT now())", 0};
static const struct db_stmt SELECT_APPLIED = {NULL,
  "SELECT name, checksum FROM schema_migrations ORDER BY name", 1};
static const struct db_stmt TABLE_EXISTS = {NULL, "SELECT to_regclass('schema_migrations') IS NOT NULL", 1};
static const struct db_stmt INSERT_APPLIED = {NULL,
  "INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", 0};
static const struct db_stmt LOCK = {NULL, "SELECT pg_advisory_lock(7468723761)", 0};
static const struct db_stmt UNLOCK = {NULL, "SELECT pg_advisory_unlock(7468723761)", 0};

static struct migration *embedded_list(void)
{
  struct migration *m = calloc(migrations_embedded_count + 1, sizeof *m);
  for (size_t i = 0; m && i < migrations_embedded_count; i++) {
    m[i].name = migrations_embedded[i].name;
    m[i].sql = migrations_embedded[i].data;
    m[i].len = migrations_embedded[i].len;
  }
  return m;
}

/* Reads schema_migrations into a malloc'd array (caller frees). Returns count, or -1. */
static long read_applied(struct applied_migration **out, int table_may_be_missing, char *err, size_t errlen)
{
  struct db_result *r = NULL;
  *out = NULL;
  if (table_may_be_missing) {
    if (db_exec(&TABLE_EXISTS, 0, NULL, &r) != DB_OK) {
      snprintf(err, errlen, "cannot reach the database: %s", db_last_error());
      return -1;
    }
    int exists = db_value(r, 0, 0) && strcmp(db_value(r, 0, 0), "t") == 0;
    db_result_free(r);
    r = NULL;
    if (!exists) {
      return 0;
    }
  }
  if (db_exec(&SELECT_APPLIED, 0, NULL, &r) != DB_OK) {
    snprintf(err, errlen, "cannot read schema_migrations: %s", db_last_error());
    return -1;
  }
  long n = db_rows(r);
  *out = calloc((size_t)n + 1, sizeof **out);
  for (long i = 0; *out && i < n; i++) {
    snprintf((*out)[i].name, sizeof (*out)[i].name, "%s", db_value(r, (int)i, 0));
    snprintf((*out)[i].checksum, sizeof (*out)[i].checksum, "%s", db_value(r, (int)i, 1));
  }
  db_result_free(r);
  return *out ? n : -1;
}

int migrate_pending(char *err, size_t errlen)
{
  struct applied_migration *applied = NULL;
  struct migration *files = embedded_list();
  int result = -1;
  long napplied = read_applied(&applied, 1, err, errlen);
  size_t from = 0;
  if (files && napplied >= 0 &&
      migrate_plan(files, migrations_embedded_count, applied, (size_t)napplied, &from, err, errlen) == 0) {
    result = (int)(migrations_embedded_count - from);
  }
  free(applied);
  free(files);
  return result;
}

static int apply_one(const struct migration *m, char *err, size_t errlen)
{
  char sum[65];
  migrate_checksum(m, sum);
  const char *params[] = {m->name, sum};
  if (db_begin() != DB_OK) {
    snprintf(err, errlen, "cannot begin a transaction: %s", db_last_error());
    return -1;
  }
  if (db_exec_script(m->sql) != DB_OK) {
    snprintf(err, errlen, "migration %s failed (SQLSTATE %s): %s", m->name, db_last_sqlstate(), db_last_error());
    db_rollback();
    return -1;
  }
  if (db_exec(&INSERT_APPLIED, 2, params, NULL) != DB_OK || db_commit() != DB_OK) {
    snprintf(err, errlen, "cannot record migration %s: %s", m->name, db_last_error());
    db_rollback();
    return -1;
  }
  return 0;
}

int migrate_apply(char *err, size_t errlen)
{
  struct applied_migration *applied = NULL;
  struct migration *files = embedded_list();
  int applied_now = -1;
  if (!files || db_exec(&LOCK, 0, NULL, NULL) != DB_OK) {
    snprintf(err, errlen, "cannot reach the database: %s", db_last_error());
    free(files);
    return -1;
  }
  size_t from = 0;
  long napplied;
  if (db_exec(&CREATE_TABLE, 0, NULL, NULL) != DB_OK) {
    snprintf(err, errlen, "cannot create schema_migrations: %s", db_last_error());
    goto out;
  }
  napplied = read_applied(&applied, 0, err, errlen);
  if (napplied < 0 ||
      migrate_plan(files, migrations_embedded_count, applied, (size_t)napplied, &from, err, errlen) != 0) {
    goto out;
  }
  applied_now = 0;
  for (size_t i = from; i < migrations_embedded_count; i++) {
    if (apply_one(&files[i], err, errlen) != 0) {
      applied_now = -1;
      goto out;
    }
    applied_now++;
  }
out:
  db_exec(&UNLOCK, 0, NULL, NULL);
  free(applied);
  free(files);
  return applied_now;
}

/* migrate.h: schema migrations (migrations/NNNN_name.sql, compiled in), applied in order, one transaction each,
 * recorded with a SHA-256 checksum in schema_migrations. */
#ifndef PORTICO_MIGRATE_H
#define PORTICO_MIGRATE_H
#include <stddef.h>

struct migration {
  const char *name;
  const char *sql;
  size_t len;
};

struct applied_migration {
  char name[128];
  char checksum[65];
};

/* Pure: checks file names (NNNN_name.sql, strictly ascending numbers) and that the applied migrations are exactly
 * the first napplied files with unchanged checksums. On success returns 0 and *pending_from = napplied; on a
 * problem returns -1 with a message that says what to do. */
int migrate_plan(const struct migration *files, size_t nfiles, const struct applied_migration *applied,
                 size_t napplied, size_t *pending_from, char *err, size_t errlen);
/* Lower-case hex SHA-256 of a migration's text (65 bytes with NUL). */
void migrate_checksum(const struct migration *m, char out[65]);

/* Applies every pending embedded migration. Returns the number applied, or -1 with err set. */
int migrate_apply(char *err, size_t errlen);
/* How many embedded migrations are not applied yet; -1 with err on an inconsistent or unreachable database. */
int migrate_pending(char *err, size_t errlen);

#endif

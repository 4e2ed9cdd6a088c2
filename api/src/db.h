/* db.h: the database API every store_*.c uses. Parameters only; results are read through accessors, so no other
 * file includes libpq-fe.h. Each thread has its own connection (one per HTTP pool thread, DESIGN §3). */
#ifndef PORTICO_DB_H
#define PORTICO_DB_H

enum db_status {
  DB_OK = 0,
  DB_CONFLICT,      /* 23505 unique violation -> 409 */
  DB_REFERENCE,     /* 23503 foreign key violation */
  DB_INVALID,       /* 22xxx data exception, 23514 check violation: input that got past validation */
  DB_RETRY,         /* 40001 serialization failure, 40P01 deadlock: the caller may run the transaction again */
  DB_UNAVAILABLE,   /* class 08, or no connection: -> 503; the next call reconnects */
  DB_ERROR,         /* anything else: -> 500, logged with the SQLSTATE */
};

/* A statement. With a name it is prepared once per connection (hot paths); read_only statements are retried once
 * on a fresh connection when the old one turns out to be dead (e.g. after a PostgreSQL restart). */
struct db_stmt {
  const char *name;
  const char *sql;
  int read_only;
};

struct db_result;

int db_init(const char *conninfo);
void db_shutdown(void);
/* Closes this thread's connection (the next call reconnects). */
void db_disconnect(void);

/* Runs st with n text parameters (NULL = SQL NULL). *out (optional) receives rows; free with db_result_free. */
enum db_status db_exec(const struct db_stmt *st, int n, const char *const *params, struct db_result **out);
/* Several statements without parameters (migrations only). */
enum db_status db_exec_script(const char *sql);

int db_rows(const struct db_result *r);
/* NULL for SQL NULL. Valid until db_result_free. */
const char *db_value(const struct db_result *r, int row, int col);
void db_result_free(struct db_result *r);

enum db_status db_begin(void);
enum db_status db_commit(void);
void db_rollback(void);

enum db_status db_ping(void);
/* SQLSTATE and message of this thread's last failure ("" when none). */
const char *db_last_sqlstate(void);
const char *db_last_error(void);

#endif

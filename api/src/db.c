/* db.c: owns every PostgreSQL connection. One connection per thread (pthread key, closed when the thread ends),
 * opened lazily and reopened after it breaks, so a PostgreSQL restart never needs a Portico restart.
 * Only parameterised statements (PQexecParams/PQexecPrepared); the SQLSTATE of a failure is kept and mapped to a
 * small status set that the HTTP layer turns into 409/503/500. The only file that includes libpq-fe.h. */
#include "db.h"
#include "log.h"
#include <libpq-fe.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PREPARED 128

struct db_result {
  PGresult *res;
};

struct db_thread {
  PGconn *conn;
  char *prepared[MAX_PREPARED];       /* names prepared on this connection (owned copies) */
  int nprepared;
  int in_tx;
  char sqlstate[6];
  char error[256];
};

static char *g_conninfo;
static pthread_key_t g_key;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void forget_prepared(struct db_thread *t)
{
  for (int i = 0; i < t->nprepared; i++) {
    free(t->prepared[i]);
  }
  t->nprepared = 0;
}

static void thread_free(void *p)
{
  struct db_thread *t = p;
  if (t) {
    if (t->conn) {
      PQfinish(t->conn);
    }
    forget_prepared(t);
    free(t);
  }
}

static void make_key(void)
{
  pthread_key_create(&g_key, thread_free);
}

int db_init(const char *conninfo)
{
  pthread_once(&g_once, make_key);
  free(g_conninfo);
  g_conninfo = strdup(conninfo ? conninfo : "");
  return g_conninfo ? 0 : -1;
}

static struct db_thread *thread_state(void)
{
  pthread_once(&g_once, make_key);
  struct db_thread *t = pthread_getspecific(g_key);
  if (!t) {
    t = calloc(1, sizeof *t);
    if (t) {
      pthread_setspecific(g_key, t);
    }
  }
  return t;
}

void db_disconnect(void)
{
  struct db_thread *t = thread_state();
  if (t && t->conn) {
    PQfinish(t->conn);
    t->conn = NULL;
    forget_prepared(t);
    t->in_tx = 0;
  }
}

void db_shutdown(void)
{
  pthread_once(&g_once, make_key); /* also safe when nothing ever used the database (e.g. --help) */
  struct db_thread *t = pthread_getspecific(g_key);
  if (t) {
    thread_free(t);
    pthread_setspecific(g_key, NULL);
  }
  free(g_conninfo);
  g_conninfo = NULL;
}

static void set_error(struct db_thread *t, const char *state, const char *msg)
{
  snprintf(t->sqlstate, sizeof t->sqlstate, "%s", state ? state : "");
  snprintf(t->error, sizeof t->error, "%s", msg ? msg : "");
  size_t n = strlen(t->error);
  while (n > 0 && (t->error[n - 1] == '\n' || t->error[n - 1] == ' ')) {
    t->error[--n] = '\0';
  }
}

/* Server NOTICEs (e.g. "already exists, skipping") go to the debug log, not to stderr. */
static void notice_to_log(void *arg, const char *message)
{
  log_debug("postgresql: %s", message);
}

static PGconn *connection(struct db_thread *t)
{
  if (t->conn && PQstatus(t->conn) == CONNECTION_OK) {
    return t->conn;
  }
  if (t->conn) {
    PQfinish(t->conn);
    t->conn = NULL;
  }
  forget_prepared(t);
  t->in_tx = 0;
  const char *const keys[] = {"dbname", "connect_timeout", "application_name", NULL};
  const char *const vals[] = {g_conninfo && *g_conninfo ? g_conninfo : NULL, "5", "portico", NULL};
  PGconn *c = PQconnectdbParams(keys, vals, 1);
  if (!c || PQstatus(c) != CONNECTION_OK) {
    set_error(t, "08006", c ? PQerrorMessage(c) : "out of memory");
    if (c) {
      PQfinish(c);
    }
    return NULL;
  }
  PQsetNoticeProcessor(c, notice_to_log, NULL);
  t->conn = c;
  return c;
}

static enum db_status map_sqlstate(const char *s)
{
  if (!s || !*s) {
    return DB_ERROR;
  }
  if (strcmp(s, "23505") == 0) return DB_CONFLICT;
  if (strcmp(s, "23503") == 0) return DB_REFERENCE;
  if (strcmp(s, "23514") == 0 || strncmp(s, "22", 2) == 0) return DB_INVALID;
  if (strcmp(s, "40001") == 0 || strcmp(s, "40P01") == 0) return DB_RETRY;
  if (strncmp(s, "08", 2) == 0 || strncmp(s, "57P", 3) == 0) return DB_UNAVAILABLE;
  return DB_ERROR;
}

static int is_prepared(struct db_thread *t, const char *name)
{
  for (int i = 0; i < t->nprepared; i++) {
    if (strcmp(t->prepared[i], name) == 0) {
      return 1;
    }
  }
  return 0;
}

static PGresult *run(struct db_thread *t, PGconn *c, const struct db_stmt *st, int n, const char *const *params)
{
  if (!st->name || (!is_prepared(t, st->name) && t->nprepared >= MAX_PREPARED)) {
    return PQexecParams(c, st->sql, n, NULL, params, NULL, NULL, 0); /* unnamed, or the cache is full */
  }
  if (!is_prepared(t, st->name)) {
    char *copy = strdup(st->name);
    if (!copy) {
      return PQexecParams(c, st->sql, n, NULL, params, NULL, NULL, 0);
    }
    PGresult *p = PQprepare(c, st->name, st->sql, n, NULL);
    if (!p || PQresultStatus(p) != PGRES_COMMAND_OK) {
      free(copy);
      return p;
    }
    PQclear(p);
    t->prepared[t->nprepared++] = copy;
  }
  return PQexecPrepared(c, st->name, n, params, NULL, NULL, 0);
}

enum db_status db_exec(const struct db_stmt *st, int n, const char *const *params, struct db_result **out)
{
  struct db_thread *t = thread_state();
  if (out) {
    *out = NULL;
  }
  if (!t) {
    return DB_ERROR;
  }
  for (int attempt = 0; attempt < 2; attempt++) {
    int was_in_tx = t->in_tx;
    PGconn *c = connection(t);
    if (!c) {
      return DB_UNAVAILABLE;
    }
    if (was_in_tx && !t->in_tx) { /* the connection was replaced under an open transaction: it is gone */
      set_error(t, "08006", "connection lost inside a transaction");
      return DB_UNAVAILABLE;
    }
    PGresult *res = run(t, c, st, n, params);
    ExecStatusType rs = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK) {
      t->sqlstate[0] = t->error[0] = '\0';
      if (out) {
        *out = malloc(sizeof **out);
        if (!*out) {
          PQclear(res);
          return DB_ERROR;
        }
        (*out)->res = res;
      } else {
        PQclear(res);
      }
      return DB_OK;
    }
    set_error(t, res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL,
              res ? PQresultErrorMessage(res) : PQerrorMessage(c));
    if (res) {
      PQclear(res);
    }
    if (PQstatus(c) != CONNECTION_OK) {
      int in_tx = t->in_tx;
      db_disconnect();
      set_error(t, "08006", "connection lost");
      if (!in_tx && st->read_only && attempt == 0) {
        continue;
      }
      return DB_UNAVAILABLE;
    }
    return map_sqlstate(t->sqlstate);
  }
  return DB_UNAVAILABLE;
}

enum db_status db_exec_script(const char *sql)
{
  struct db_thread *t = thread_state();
  PGconn *c = t ? connection(t) : NULL;
  if (!c) {
    return DB_UNAVAILABLE;
  }
  if (!PQsendQuery(c, sql)) {
    set_error(t, "08006", PQerrorMessage(c));
    return DB_UNAVAILABLE;
  }
  enum db_status st = DB_OK;
  PGresult *res;
  while ((res = PQgetResult(c)) != NULL) {
    ExecStatusType rs = PQresultStatus(res);
    if (st == DB_OK && rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) {
      set_error(t, PQresultErrorField(res, PG_DIAG_SQLSTATE), PQresultErrorMessage(res));
      st = map_sqlstate(t->sqlstate);
      if (st == DB_OK) {
        st = DB_ERROR;
      }
    }
    PQclear(res);
  }
  return st;
}

int db_rows(const struct db_result *r)
{
  return r ? PQntuples(r->res) : 0;
}

const char *db_value(const struct db_result *r, int row, int col)
{
  if (!r || row >= PQntuples(r->res) || col >= PQnfields(r->res) || PQgetisnull(r->res, row, col)) {
    return NULL;
  }
  return PQgetvalue(r->res, row, col);
}

void db_result_free(struct db_result *r)
{
  if (r) {
    PQclear(r->res);
    free(r);
  }
}

static const struct db_stmt BEGIN_STMT = {NULL, "BEGIN", 0};
static const struct db_stmt COMMIT_STMT = {NULL, "COMMIT", 0};
static const struct db_stmt ROLLBACK_STMT = {NULL, "ROLLBACK", 0};

enum db_status db_begin(void)
{
  struct db_thread *t = thread_state();
  enum db_status st = db_exec(&BEGIN_STMT, 0, NULL, NULL);
  if (st == DB_OK && t) {
    t->in_tx = 1;
  }
  return st;
}

enum db_status db_commit(void)
{
  struct db_thread *t = thread_state();
  if (!t || !t->in_tx) {
    return DB_UNAVAILABLE;
  }
  enum db_status st = db_exec(&COMMIT_STMT, 0, NULL, NULL);
  t->in_tx = 0;
  return st;
}

void db_rollback(void)
{
  struct db_thread *t = thread_state();
  if (t && t->in_tx && t->conn && PQstatus(t->conn) == CONNECTION_OK) {
    db_exec(&ROLLBACK_STMT, 0, NULL, NULL);
  }
  if (t) {
    t->in_tx = 0;
  }
}

enum db_status db_ping(void)
{
  static const struct db_stmt PING = {"db_ping", "SELECT 1", 1};
  return db_exec(&PING, 0, NULL, NULL);
}

const char *db_last_sqlstate(void)
{
  struct db_thread *t = thread_state();
  return t ? t->sqlstate : "";
}

const char *db_last_error(void)
{
  struct db_thread *t = thread_state();
  return t ? t->error : "";
}

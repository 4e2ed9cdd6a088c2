/* http.h: what every route handler sees: the request context, the route description, and the reply helpers that
 * are the one place where errors become HTTP (DESIGN §7). */
#ifndef PORTICO_HTTP_H
#define PORTICO_HTTP_H
#include <jansson.h>
#include <ulfius.h>
#include "config.h"
#include "db.h"
#include "errors.h"
#include "rfc3339.h"
#include "tokens.h"

/* Read-only after start-up; shared by all threads. */
struct app {
  struct config cfg;
  struct keyring keys;
};

struct req_ctx {
  const struct app *app;
  char request_id[65];
  instant_t now;              /* wall clock, or X-Portico-Now when PORTICO_ENV=test */
  json_t *body;               /* parsed JSON object for BODY_JSON routes, owned by the dispatcher */
  struct token_claims claims; /* the verified token of AUTH_MERCHANT / AUTH_PORTAL routes */
  const struct route *route;  /* the route being served (its arg, e.g. a resource spec) */
};

enum route_auth { AUTH_NONE, AUTH_MERCHANT, AUTH_PORTAL };
enum route_body { BODY_NONE, BODY_JSON, BODY_FORM };

/* A handler sets the response (status + body) itself and returns 0; -1 means "internal error" and the
 * dispatcher answers a 500 with no internals. */
typedef int (*route_handler)(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx);

struct route {
  const char *method;
  const char *prefix;   /* e.g. "/api/v1" */
  const char *pattern;  /* e.g. "/contracts/:id" (Ulfius syntax; the spec writes {id}) */
  enum route_auth auth;
  const char *scope;    /* required scope for AUTH_MERCHANT, e.g. "merchant:read" */
  enum route_body body;
  route_handler handler;
  const void *arg;      /* handed to the handler through ctx->route (e.g. the catalog resource) */
};

/* The dispatcher registered for every route (user_data = struct route_binding *). */
struct route_binding {
  const struct route *route;
  const struct app *app;
};
int http_dispatch(const struct _u_request *req, struct _u_response *resp, void *user_data);

/* Reply helpers. reply_json steals j. */
void reply_json(struct _u_response *resp, unsigned int status, json_t *j);
void reply_error(struct _u_response *resp, unsigned int status, const char *code, const char *message);
/* 422 validation_failed with every collected field; clears fe. */
void reply_fields(struct _u_response *resp, struct field_errors *fe);
/* Maps a failed database call: conflict 409, unavailable 503, anything else 500 (logged with SQLSTATE). */
void reply_db_error(struct _u_response *resp, enum db_status st, const struct req_ctx *ctx);

/* Parses ?limit= (1..100, default 20) and ?cursor= (opaque); adds field errors. cursor gets "" when absent. */
void http_list_params(const struct _u_request *req, struct field_errors *fe, int *limit, char *cursor,
                      size_t cursorlen);
/* The keyset position a validated ?cursor= stands for (0 without cursor). */
long long http_cursor_after(const char *cursor);
/* 200 {"data": data, "nextCursor": cursor of next_key or null}; steals data. */
void reply_page(struct _u_response *resp, json_t *data, long long next_key);
/* Opaque cursor <-> positive integer key. */
void http_cursor_encode(long long key, char *out, size_t len);
int http_cursor_decode(const char *cursor, long long *key);

#endif

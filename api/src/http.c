/* http.c: the request pipeline every route runs through, in this order: request id and security headers, fake
 * clock (test only), body size (413), content type (415) and JSON parsing (400), authentication (401/403), the
 * handler, a guaranteed JSON answer, and one access-log line (method, path, status, duration, request id; never
 * the query string, a header or a body, so no token or secret reaches a log). Also the reply helpers. */
#include "http.h"
#include "auth.h"
#include "crypto.h"
#include "validate.h"
#include "log.h"
#include "store_idempotency.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void reply_json(struct _u_response *resp, unsigned int status, json_t *j)
{
  if (!j) {
    ulfius_set_string_body_response(resp, 500, "{\"error\":{\"code\":\"internal_error\",\"message\":\"out of memory\"}}");
    u_map_put(resp->map_header, "Content-Type", "application/json");
    return;
  }
  ulfius_set_json_body_response(resp, status, j);
  json_decref(j);
}

void reply_error(struct _u_response *resp, unsigned int status, const char *code, const char *message)
{
  reply_json(resp, status, error_body(code, message, NULL));
}

void reply_fields(struct _u_response *resp, struct field_errors *fe)
{
  reply_json(resp, 422, error_body("validation_failed", "Some fields are invalid; see fields.", fe->list));
  field_errors_clear(fe);
}

void reply_db_error(struct _u_response *resp, enum db_status st, const struct req_ctx *ctx)
{
  switch (st) {
  case DB_CONFLICT:
    reply_error(resp, 409, "conflict", "The resource conflicts with an existing one.");
    return;
  case DB_RETRY:
    reply_error(resp, 409, "concurrent_update", "A concurrent change interfered; retry the request.");
    return;
  case DB_UNAVAILABLE:
    log_warning("request %s: database unavailable: %s", ctx->request_id, db_last_error());
    reply_error(resp, 503, "database_unavailable", "The database is not reachable; retry shortly.");
    return;
  default:
    log_error("request %s: database error %s: %s", ctx->request_id, db_last_sqlstate(), db_last_error());
    reply_error(resp, 500, "internal_error", "Internal error; quote the X-Request-Id when reporting it.");
  }
}

void http_cursor_encode(long long key, char *out, size_t len)
{
  char raw[32];
  int n = snprintf(raw, sizeof raw, "k%lld", key);
  char enc[48];
  crypto_b64url_encode((const uint8_t *)raw, (size_t)n, enc);
  snprintf(out, len, "%s", enc);
}

int http_cursor_decode(const char *cursor, long long *key)
{
  uint8_t raw[32];
  long n = crypto_b64url_decode(cursor, strlen(cursor), raw, sizeof raw - 1);
  if (n < 2 || raw[0] != 'k') {
    return -1;
  }
  long long v = 0;
  for (long i = 1; i < n; i++) {
    if (raw[i] < '0' || raw[i] > '9' || v > 100000000000000LL) {
      return -1;
    }
    v = v * 10 + (raw[i] - '0');
  }
  *key = v;
  return 0;
}

long long http_cursor_after(const char *cursor)
{
  long long key = 0;
  if (cursor && cursor[0] && http_cursor_decode(cursor, &key) != 0) {
    key = 0;
  }
  return key;
}

void reply_page(struct _u_response *resp, json_t *data, long long next_key)
{
  json_t *nc = json_null();
  if (next_key) {
    char c[64];
    http_cursor_encode(next_key, c, sizeof c);
    nc = json_string(c);
  }
  reply_json(resp, 200, json_pack("{s:o, s:o}", "data", data, "nextCursor", nc));
}

void http_list_params(const struct _u_request *req, struct field_errors *fe, int *limit, char *cursor,
                      size_t cursorlen)
{
  const char *l = u_map_get(req->map_url, "limit");
  const char *c = u_map_get(req->map_url, "cursor");
  *limit = 20;
  cursor[0] = '\0';
  if (l) {
    char *end = NULL;
    long v = strtol(l, &end, 10);
    if (!*l || *end || v < 1 || v > 100) {
      field_errors_add_msg(fe, "limit", "out_of_range", "limit must be an integer from 1 to 100");
    } else {
      *limit = (int)v;
    }
  }
  if (c) {
    long long key;
    if (strlen(c) >= cursorlen || http_cursor_decode(c, &key)) {
      field_errors_add(fe, "cursor", "invalid");
    } else {
      snprintf(cursor, cursorlen, "%s", c);
    }
  }
}

static void new_request_id(const struct _u_request *req, char *out, size_t len)
{
  const char *given = u_map_get_case(req->map_header, "X-Request-Id");
  if (given && strlen(given) >= 8 && strlen(given) < 65 && strspn(given,
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == strlen(given)) {
    snprintf(out, len, "%s", given);
    return;
  }
  uint8_t b[16];
  if (crypto_random(b, sizeof b)) {
    memset(b, 0, sizeof b);
  }
  char hex[33];
  crypto_hex(b, sizeof b, hex);
  snprintf(out, len, "%s", hex);
}

static int content_type_is(const struct _u_request *req, const char *type)
{
  const char *ct = u_map_get_case(req->map_header, "Content-Type");
  size_t n = strlen(type);
  return ct && strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static int body_too_large(const struct _u_request *req, size_t max)
{
  const char *cl = u_map_get_case(req->map_header, "Content-Length");
  if (cl) {
    char *end = NULL;
    unsigned long long v = strtoull(cl, &end, 10);
    if (end != cl && v > max) {
      return 1;
    }
  }
  return req->binary_body_length > max;
}

/* Runs the checks before the handler. Returns 0 to go on, or 1 when a response has been set. */
static int prepare(const struct _u_request *req, struct _u_response *resp, const struct route *route,
                   struct req_ctx *ctx)
{
  const struct config *cfg = &ctx->app->cfg;
  ctx->now = (instant_t)time(NULL);
  if (cfg->env == ENV_TEST) {
    const char *fake = u_map_get_case(req->map_header, "X-Portico-Now");
    if (fake && rfc3339_parse(fake, &ctx->now) != 0) {
      reply_error(resp, 400, "invalid_header", "X-Portico-Now must be an RFC 3339 instant.");
      return 1;
    }
  }
  if (body_too_large(req, cfg->max_body)) {
    char msg[96];
    snprintf(msg, sizeof msg, "The request body exceeds %zu bytes.", cfg->max_body);
    reply_error(resp, 413, "payload_too_large", msg);
    return 1;
  }
  if (route->body == BODY_JSON) {
    if (!content_type_is(req, "application/json")) {
      reply_error(resp, 415, "unsupported_media_type", "Send the body as Content-Type: application/json.");
      return 1;
    }
    json_error_t jerr;
    ctx->body = json_loadb(req->binary_body ? req->binary_body : "", req->binary_body_length,
                           JSON_REJECT_DUPLICATES, &jerr);
    if (!ctx->body) {
      char msg[256];
      snprintf(msg, sizeof msg, "Malformed JSON at line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
      reply_error(resp, 400, "malformed_json", msg);
      return 1;
    }
    if (!json_is_object(ctx->body)) {
      reply_error(resp, 400, "malformed_json", "The body must be a JSON object.");
      return 1;
    }
  } else if (route->body == BODY_FORM) {
    if (!content_type_is(req, "application/x-www-form-urlencoded")) {
      reply_error(resp, 415, "unsupported_media_type",
                  "Send the body as Content-Type: application/x-www-form-urlencoded.");
      return 1;
    }
  }
  if (route->auth == AUTH_MERCHANT) {
    return auth_merchant(req, resp, route->scope, ctx) == 0 ? 0 : 1;
  }
  if (route->auth == AUTH_PORTAL) {
    return auth_portal(req, resp, ctx) == 0 ? 0 : 1;
  }
  return 0;
}

static void set_common_headers(struct _u_response *resp, const char *request_id)
{
  u_map_put(resp->map_header, "X-Request-Id", request_id);
  u_map_put(resp->map_header, "X-Content-Type-Options", "nosniff");
  u_map_put(resp->map_header, "Cache-Control", "no-store");
  u_map_put(resp->map_header, "Referrer-Policy", "no-referrer");
}

static long elapsed_us(const struct timespec *t0)
{
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (t1.tv_sec - t0->tv_sec) * 1000000L + (t1.tv_nsec - t0->tv_nsec) / 1000L;
}

/* SHA-256 of "METHOD path\nbody": what makes two requests "the same" for an Idempotency-Key. */
static void request_hash(const struct _u_request *req, uint8_t out[32])
{
  size_t n = strlen(req->http_verb) + strlen(req->url_path) + 2 + req->binary_body_length;
  char *buf = malloc(n + 1);
  if (!buf) {
    memset(out, 0, 32);
    return;
  }
  int k = snprintf(buf, n + 1, "%s %s\n", req->http_verb, req->url_path);
  if (req->binary_body_length) {
    memcpy(buf + k, req->binary_body, req->binary_body_length);
  }
  crypto_sha256(buf, (size_t)k + req->binary_body_length, out);
  free(buf);
}

/* Idempotency-Key on merchant POSTs (DESIGN §7): 0 = run the handler (and *claimed says whether to record the
 * result), 1 = a response has been set (replay, mismatch, in progress, bad key). */
static int idempotency_begin(const struct _u_request *req, struct _u_response *resp, const struct route *route,
                             struct req_ctx *ctx, const char **claimed)
{
  const char *key = u_map_get_case(req->map_header, "Idempotency-Key");
  *claimed = NULL;
  if (!key || route->auth != AUTH_MERCHANT || strcmp(req->http_verb, "POST") != 0) {
    return 0;
  }
  if (!*key || strlen(key) > 255 || !validate_text(key, 255)) {
    reply_error(resp, 400, "invalid_header", "Idempotency-Key must be 1 to 255 printable characters.");
    return 1;
  }
  uint8_t h[32];
  char hash[65];
  request_hash(req, h);
  crypto_hex(h, 32, hash);
  struct idem_record rec;
  enum db_status st = store_idem_begin(ctx->claims.sub, key, req->url_path, hash, ctx->now, &rec);
  if (st != DB_OK) {
    reply_db_error(resp, st == DB_RETRY ? DB_UNAVAILABLE : st, ctx);
    return 1;
  }
  switch (rec.state) {
  case IDEM_NEW:
    *claimed = key;
    return 0;
  case IDEM_MISMATCH:
    reply_error(resp, 422, "idempotency_key_reused", "This Idempotency-Key was used with another request.");
    return 1;
  case IDEM_IN_PROGRESS:
    reply_error(resp, 409, "idempotency_in_progress", "A request with this Idempotency-Key is still running.");
    return 1;
  case IDEM_REPLAY:
    ulfius_set_string_body_response(resp, (unsigned)rec.status, rec.response);
    u_map_put(resp->map_header, "Content-Type", "application/json");
    u_map_put(resp->map_header, "Idempotent-Replayed", "true");
    free(rec.response);
    return 1;
  }
  return 0;
}

int http_dispatch(const struct _u_request *req, struct _u_response *resp, void *user_data)
{
  const struct route_binding *b = user_data;
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  struct req_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.app = b->app;
  ctx.route = b->route;
  new_request_id(req, ctx.request_id, sizeof ctx.request_id);

  const char *idem_key = NULL;
  if (prepare(req, resp, b->route, &ctx) == 0 && idempotency_begin(req, resp, b->route, &ctx, &idem_key) == 0) {
    if (b->route->handler(req, resp, &ctx) != 0) {
      log_error("request %s: handler for %s %s failed", ctx.request_id, req->http_verb, req->url_path);
      reply_error(resp, 500, "internal_error", "Internal error; quote the X-Request-Id when reporting it.");
    }
    if (idem_key) {
      store_idem_finish(ctx.claims.sub, idem_key, (int)resp->status, resp->binary_body, resp->binary_body_length);
    }
  }
  if (resp->status >= 500 && db_last_sqlstate()[0] && strncmp(db_last_sqlstate(), "08", 2) == 0) {
    db_disconnect();
  }
  set_common_headers(resp, ctx.request_id);
  long us = elapsed_us(&t0);
  log_info("%s %s %ld %ld.%03ldms %s", req->http_verb, req->url_path, resp->status, us / 1000, us % 1000,
           ctx.request_id);
  json_decref(ctx.body);
  return U_CALLBACK_COMPLETE;
}

/* http_settings.c: GET/PUT /api/v1/settings/self-service. PUT replaces the document (omitted sections take their
 * defaults) after validating it as a whole; GET returns the stored document over the defaults, so settings added
 * by later versions appear with their default values. */
#include "http.h"
#include "settings.h"
#include "store.h"

/* The effective settings (stored over defaults). *out is a new reference. */
enum db_status settings_load(json_t **out)
{
  json_t *stored = NULL;
  enum db_status st = store_settings_get(&stored);
  *out = NULL;
  if (st == DB_OK) {
    if (!stored) {
      stored = json_object();
    }
    *out = settings_merge(stored);
  }
  json_decref(stored);
  return st;
}

int http_settings_get(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  json_t *doc = NULL;
  enum db_status st = settings_load(&doc);
  if (st != DB_OK) {
    reply_db_error(resp, st, ctx);
    return 0;
  }
  reply_json(resp, 200, doc);
  return 0;
}

int http_settings_put(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  struct field_errors fe = {0};
  json_t *doc = settings_merge(ctx->body);
  settings_validate(doc, &fe);
  if (field_errors_any(&fe)) {
    json_decref(doc);
    reply_fields(resp, &fe);
    return 0;
  }
  enum db_status st = store_settings_put(doc);
  if (st != DB_OK) {
    json_decref(doc);
    reply_db_error(resp, st, ctx);
    return 0;
  }
  reply_json(resp, 200, doc);
  return 0;
}

/* http_events.c: GET /api/v1/events: the merchant's event log (OrderSucceeded, ContractCreated, ...). */
#include "http.h"
#include "store.h"
#include "validate.h"

int http_events_list(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  struct field_errors fe = {0};
  int limit;
  char cursor[64];
  http_list_params(req, &fe, &limit, cursor, sizeof cursor);
  const char *type = u_map_get(req->map_url, "type");
  if (type && !validate_text(type, 64)) {
    field_errors_add(&fe, "type", "invalid");
  }
  if (field_errors_any(&fe)) {
    reply_fields(resp, &fe);
    return 0;
  }
  long long before = 0, next = 0;
  if (cursor[0]) {
    http_cursor_decode(cursor, &before);
  }
  json_t *data = NULL;
  enum db_status st = store_events_list(limit, before, type, &data, &next);
  if (st != DB_OK) {
    reply_db_error(resp, st, ctx);
    return 0;
  }
  json_t *next_cursor = json_null();
  if (next) {
    char c[64];
    http_cursor_encode(next, c, sizeof c);
    next_cursor = json_string(c);
  }
  reply_json(resp, 200, json_pack("{s:o, s:o}", "data", data, "nextCursor", next_cursor));
  return 0;
}

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
  long long before = http_cursor_after(cursor), next = 0;
  json_t *data = NULL;
  enum db_status st = store_events_list(limit, before, type, &data, &next);
  if (st != DB_OK) {
    reply_db_error(resp, st, ctx);
    return 0;
  }
  reply_page(resp, data, next);
  return 0;
}

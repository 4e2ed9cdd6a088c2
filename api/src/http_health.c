/* http_health.c: GET /healthz, for load balancers and the demo smoke test. 200 when the database answers,
 * 503 (error shape) when it does not; a dead connection is replaced on the next call (db.c). */
#include "http.h"

int http_health_get(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  if (db_ping() != DB_OK) {
    reply_error(resp, 503, "database_unavailable", "The database is not reachable.");
    return 0;
  }
  reply_json(resp, 200, json_pack("{s:s, s:s}", "status", "ok", "database", "ok"));
  return 0;
}

/* routes.c: the route table and nothing else but the fallback and the table's printer. Handlers live in
 * http_<resource>.c; the pipeline (auth, limits, logging) in http.c. Keep openapi/openapi.yaml in step: the API
 * test `openapi.test.mjs` compares it with `portico routes` both ways. */
#include "routes.h"
#include "catalog.h"
#include <string.h>

int http_health_get(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_oauth_token(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_events_list(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_orders_preview(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_orders_create(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_orders_get(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_orders_commit(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_contracts_get(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_contracts_list(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_contracts_cancellation_preview(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_contracts_cancel(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_contracts_annul(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_contracts_revoke_cancellation(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_contracts_token(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_contracts_tokens_list(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_contracts_tokens_revoke(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_portal_get(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_settings_get(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_settings_put(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_catalog_list(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_catalog_create(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_catalog_get(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_catalog_update(const struct _u_request *, struct _u_response *, struct req_ctx *);
int http_catalog_delete(const struct _u_request *, struct _u_response *, struct req_ctx *);

#define READ "merchant:read"
#define WRITE "merchant:write"

/* The five routes of a catalog resource; the spec (catalog.c) is the route's arg. */
#define CATALOG(path, spec)                                                                                       \
  {"GET", "/api/v1", "/" path, AUTH_MERCHANT, READ, BODY_NONE, http_catalog_list, &spec},                        \
  {"POST", "/api/v1", "/" path, AUTH_MERCHANT, WRITE, BODY_JSON, http_catalog_create, &spec},                    \
  {"GET", "/api/v1", "/" path "/:id", AUTH_MERCHANT, READ, BODY_NONE, http_catalog_get, &spec},                  \
  {"PATCH", "/api/v1", "/" path "/:id", AUTH_MERCHANT, WRITE, BODY_JSON, http_catalog_update, &spec},            \
  {"DELETE", "/api/v1", "/" path "/:id", AUTH_MERCHANT, WRITE, BODY_NONE, http_catalog_delete, &spec}

const struct route ROUTES[] = {
  {"GET", "", "/healthz", AUTH_NONE, NULL, BODY_NONE, http_health_get, NULL},
  {"POST", "", "/oauth/token", AUTH_NONE, NULL, BODY_FORM, http_oauth_token, NULL},
  {"GET", "/api/v1", "/events", AUTH_MERCHANT, READ, BODY_NONE, http_events_list, NULL},
  CATALOG("plan-groups", RES_PLAN_GROUPS),
  CATALOG("plans", RES_PLANS),
  CATALOG("plan-variants", RES_PLAN_VARIANTS),
  CATALOG("components", RES_COMPONENTS),
  CATALOG("coupons", RES_COUPONS),
  CATALOG("customers", RES_CUSTOMERS),
  {"POST", "/api/v1", "/orders/preview", AUTH_MERCHANT, WRITE, BODY_JSON, http_orders_preview, NULL},
  {"POST", "/api/v1", "/orders", AUTH_MERCHANT, WRITE, BODY_JSON, http_orders_create, NULL},
  {"GET", "/api/v1", "/orders/:id", AUTH_MERCHANT, READ, BODY_NONE, http_orders_get, NULL},
  {"POST", "/api/v1", "/orders/:id/commit", AUTH_MERCHANT, WRITE, BODY_NONE, http_orders_commit, NULL},
  {"GET", "/api/v1", "/contracts", AUTH_MERCHANT, READ, BODY_NONE, http_contracts_list, NULL},
  {"GET", "/api/v1", "/contracts/:id", AUTH_MERCHANT, READ, BODY_NONE, http_contracts_get, NULL},
  {"GET", "/api/v1", "/contracts/:id/cancellation-preview", AUTH_MERCHANT, READ, BODY_NONE,
   http_contracts_cancellation_preview, NULL},
  {"POST", "/api/v1", "/contracts/:id/cancel", AUTH_MERCHANT, WRITE, BODY_JSON, http_contracts_cancel, NULL},
  {"POST", "/api/v1", "/contracts/:id/annul", AUTH_MERCHANT, WRITE, BODY_NONE, http_contracts_annul, NULL},
  {"POST", "/api/v1", "/contracts/:id/revoke-cancellation", AUTH_MERCHANT, WRITE, BODY_NONE,
   http_contracts_revoke_cancellation, NULL},
  {"GET", "/api/v1", "/contracts/:id/self-service-token", AUTH_MERCHANT, WRITE, BODY_NONE, http_contracts_token,
   NULL},
  {"GET", "/api/v1", "/contracts/:id/self-service-tokens", AUTH_MERCHANT, READ, BODY_NONE,
   http_contracts_tokens_list, NULL},
  {"DELETE", "/api/v1", "/contracts/:id/self-service-tokens/:jti", AUTH_MERCHANT, WRITE, BODY_NONE,
   http_contracts_tokens_revoke, NULL},
  {"GET", "/api/v1", "/portal", AUTH_PORTAL, NULL, BODY_NONE, http_portal_get, NULL},
  {"GET", "/api/v1", "/settings/self-service", AUTH_MERCHANT, READ, BODY_NONE, http_settings_get, NULL},
  {"PUT", "/api/v1", "/settings/self-service", AUTH_MERCHANT, WRITE, BODY_JSON, http_settings_put, NULL},
};
const size_t ROUTES_COUNT = sizeof ROUTES / sizeof ROUTES[0];

static int fallback(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  char allow[160] = "";
  for (size_t i = 0; i < ROUTES_COUNT; i++) {
    if (routes_path_matches(&ROUTES[i], req->url_path) && strlen(allow) + 8 < sizeof allow) {
      if (allow[0]) {
        strcat(allow, ", ");
      }
      strcat(allow, ROUTES[i].method);
    }
  }
  if (allow[0]) {
    reply_error(resp, 405, "method_not_allowed", "This path does not accept that method; see the Allow header.");
    u_map_put(resp->map_header, "Allow", allow);
    return 0;
  }
  reply_error(resp, 404, "route_not_found", "No such route; see openapi/openapi.yaml.");
  return 0;
}

const struct route ROUTE_FALLBACK = {"*", "", "*", AUTH_NONE, NULL, BODY_NONE, fallback, NULL};

int routes_path_matches(const struct route *r, const char *path)
{
  size_t plen = strlen(r->prefix);
  if (strncmp(path, r->prefix, plen) != 0) {
    return 0;
  }
  const char *p = path + plen;
  const char *q = r->pattern;
  while (*q && *p) {
    if (*q != '/' || *p != '/') {
      return 0;
    }
    q++;
    p++;
    size_t ql = strcspn(q, "/"), pl = strcspn(p, "/");
    if (pl == 0 || (q[0] != ':' && (ql != pl || strncmp(q, p, ql) != 0))) {
      return 0;
    }
    q += ql;
    p += pl;
  }
  if (*p == '/' && p[1] == '\0') {
    p++;
  }
  return *q == '\0' && *p == '\0';
}

void routes_print(FILE *out)
{
  for (size_t i = 0; i < ROUTES_COUNT; i++) {
    fprintf(out, "%s %s", ROUTES[i].method, ROUTES[i].prefix);
    for (const char *q = ROUTES[i].pattern; *q;) {
      if (*q == ':') {
        size_t n = strcspn(q + 1, "/");
        fprintf(out, "{%.*s}", (int)n, q + 1);
        q += n + 1;
      } else {
        fputc(*q++, out);
      }
    }
    fputc('\n', out);
  }
}

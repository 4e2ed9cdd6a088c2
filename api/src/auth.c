/* auth.c: turns a bearer token into verified claims, or into the 401/403 answer. Token mechanics (signature, alg,
 * kid, exp, aud) are in tokens.c; this file only maps their outcome to HTTP and checks scopes.
 * Merchant tokens are stateless: no database read per request. */
#include "auth.h"
#include "store_tokens.h"
#include <string.h>
#include <strings.h>

const char *auth_bearer(const struct _u_request *req)
{
  const char *h = u_map_get_case(req->map_header, "Authorization");
  if (!h || strncasecmp(h, "Bearer ", 7) != 0) {
    return NULL;
  }
  h += 7;
  while (*h == ' ') {
    h++;
  }
  return *h ? h : NULL;
}

int auth_has_scope(const char *scopes, const char *want)
{
  size_t n = strlen(want);
  const char *p = scopes;
  while (p && *p) {
    while (*p == ' ') {
      p++;
    }
    size_t len = strcspn(p, " ");
    if (len == n && strncmp(p, want, n) == 0) {
      return 1;
    }
    p += len;
  }
  return 0;
}

static void unauthorized(struct _u_response *resp, const char *code, const char *message)
{
  reply_error(resp, 401, code, message);
  u_map_put(resp->map_header, "WWW-Authenticate", "Bearer realm=\"portico\", error=\"invalid_token\"");
}

int auth_merchant(const struct _u_request *req, struct _u_response *resp, const char *scope, struct req_ctx *ctx)
{
  const char *token = auth_bearer(req);
  if (!token) {
    reply_error(resp, 401, "token_missing", "Send an access token: Authorization: Bearer <token> (POST /oauth/token).");
    u_map_put(resp->map_header, "WWW-Authenticate", "Bearer realm=\"portico\"");
    return -1;
  }
  enum token_status st = token_verify(&ctx->app->keys, token, AUD_MERCHANT, ctx->now, &ctx->claims);
  if (st == TOKEN_EXPIRED) {
    unauthorized(resp, "token_expired", "The access token has expired; request a new one.");
    return -1;
  }
  if (st != TOKEN_OK) {
    unauthorized(resp, "token_invalid", token_status_message(st));
    return -1;
  }
  if (scope && !auth_has_scope(ctx->claims.scope, scope)) {
    char msg[160];
    snprintf(msg, sizeof msg, "This route needs the scope '%s'.", scope);
    reply_error(resp, 403, "insufficient_scope", msg);
    return -1;
  }
  return 0;
}

int auth_portal(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  const char *token = auth_bearer(req);
  if (!token) {
    unauthorized(resp, "token_missing", "This page needs a self-service link; ask for a new one.");
    return -1;
  }
  enum token_status st = token_verify(&ctx->app->keys, token, AUD_PORTAL, ctx->now, &ctx->claims);
  if (st == TOKEN_EXPIRED) {
    unauthorized(resp, "token_expired", "This self-service link has expired; ask for a new one.");
    return -1;
  }
  if (st != TOKEN_OK) {
    unauthorized(resp, "token_invalid", token_status_message(st));
    return -1;
  }
  int valid = 0;
  enum db_status ds = store_token_valid(ctx->claims.jti, ctx->claims.sub, &valid);
  if (ds != DB_OK) {
    reply_db_error(resp, ds, ctx);
    return -1;
  }
  if (!valid) {
    unauthorized(resp, "token_revoked", "This self-service link is no longer valid; ask for a new one.");
    return -1;
  }
  return 0;
}

/* http_oauth.c: POST /oauth/token, the OAuth 2.0 client-credentials grant (RFC 6749 §4.4). Credentials come as
 * HTTP Basic or as client_id/client_secret form fields (not both). The success body keeps the RFC's snake_case
 * names (access_token, token_type, expires_in, scope) because every OAuth client library expects them; errors use
 * Portico's error shape with the RFC's error codes. */
#include "http.h"
#include "auth.h"
#include "crypto.h"
#include "store.h"
#include "validate.h"
#include <string.h>

#define DEFAULT_SCOPES "merchant:read merchant:write"

/* Every requested scope must be one the client has. Writes the granted list into out. */
static int grant_scopes(const char *requested, const char *allowed, char *out, size_t len)
{
  if (!requested || !*requested) {
    snprintf(out, len, "%s", allowed);
    return 0;
  }
  if (strlen(requested) >= len) {
    return -1;
  }
  out[0] = '\0';
  const char *p = requested;
  while (*p) {
    while (*p == ' ') {
      p++;
    }
    size_t n = strcspn(p, " ");
    if (n == 0) {
      break;
    }
    char word[64];
    if (n >= sizeof word) {
      return -1;
    }
    memcpy(word, p, n);
    word[n] = '\0';
    if (!auth_has_scope(allowed, word)) {
      return -1;
    }
    if (!auth_has_scope(out, word)) {
      if (out[0]) {
        strcat(out, " ");
      }
      strcat(out, word);
    }
    p += n;
  }
  return out[0] ? 0 : -1;
}

static void invalid_client(struct _u_response *resp)
{
  reply_error(resp, 401, "invalid_client", "Unknown client, or wrong secret.");
  u_map_put(resp->map_header, "WWW-Authenticate", "Basic realm=\"portico\"");
}

int http_oauth_token(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  const char *grant = u_map_get(req->map_post_body, "grant_type");
  const char *form_id = u_map_get(req->map_post_body, "client_id");
  const char *form_secret = u_map_get(req->map_post_body, "client_secret");
  const char *id = req->auth_basic_user, *secret = req->auth_basic_password;
  if (!grant || strcmp(grant, "client_credentials") != 0) {
    reply_error(resp, 400, "unsupported_grant_type", "grant_type must be client_credentials.");
    return 0;
  }
  if (id && (form_id || form_secret)) {
    reply_error(resp, 400, "invalid_request", "Send the client credentials either as Basic auth or in the form.");
    return 0;
  }
  if (!id) {
    id = form_id;
    secret = form_secret;
  }
  if (!id || !secret) {
    invalid_client(resp);
    return 0;
  }
  struct api_client client;
  int found = 0;
  if (validate_uuid(id) && strlen(secret) <= 256) {
    enum db_status st = store_client_get(id, &client, &found);
    if (st != DB_OK) {
      reply_db_error(resp, st, ctx);
      return 0;
    }
  }
  uint8_t h[32];
  char hex[65];
  crypto_sha256(secret, strlen(secret), h);
  crypto_hex(h, 32, hex);
  int ok = found && crypto_equal(hex, client.secret_sha256_hex, 64) && !client.disabled;
  if (!ok) {
    invalid_client(resp);
    return 0;
  }
  char scopes[256];
  if (grant_scopes(u_map_get(req->map_post_body, "scope"), client.scopes, scopes, sizeof scopes) != 0) {
    reply_error(resp, 400, "invalid_scope", "The requested scope exceeds what this client may have.");
    return 0;
  }
  char jti[37];
  char *token = token_issue(&ctx->app->keys, ctx->app->cfg.public_url, AUD_MERCHANT, client.id, scopes, ctx->now,
                            ctx->app->cfg.token_ttl, jti);
  if (!token) {
    return -1;
  }
  reply_json(resp, 200, json_pack("{s:s, s:s, s:i, s:s}", "access_token", token, "token_type", "Bearer",
                                  "expires_in", ctx->app->cfg.token_ttl, "scope", scopes));
  free(token);
  return 0;
}

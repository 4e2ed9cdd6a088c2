/* auth.h: the authentication layer every protected route passes through (merchant JWTs; portal tokens later). */
#ifndef PORTICO_AUTH_H
#define PORTICO_AUTH_H
#include "http.h"

/* Verifies `Authorization: Bearer <jwt>` for aud portico:merchant and the route's scope. On success fills
 * ctx->claims and returns 0; otherwise sets a 401 (missing/invalid/expired) or 403 (scope) and returns -1. */
int auth_merchant(const struct _u_request *req, struct _u_response *resp, const char *scope, struct req_ctx *ctx);
/* Verifies a portal token (aud portico:portal) and its record: issued for this contract, not revoked, the contract
 * still exists. On success ctx->claims.sub is the contract id; otherwise a 401 is set and -1 returned. */
int auth_portal(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx);
/* 1 when the space-separated list `scopes` contains `want` exactly. */
int auth_has_scope(const char *scopes, const char *want);
/* The bearer token of the request, or NULL. */
const char *auth_bearer(const struct _u_request *req);

#endif

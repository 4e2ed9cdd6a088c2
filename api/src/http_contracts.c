/* http_contracts.c: contracts (read, list, cancellation preview, cancel, annul, revoke cancellation) and their
 * self-service tokens (issue, list, revoke). All dates come from contract_service.c / the calendar core. */
#include "http.h"
#include "contract_service.h"
#include "store.h"
#include "store_orders.h"
#include "store_tokens.h"
#include "validate.h"
#include <stdlib.h>
#include <string.h>

/* Loads the contract of the route's :id; answers 404 itself. Returns 1 when loaded. */
static int loaded_id(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx,
                     struct contract_ctx *c, char id_out[37])
{
  const char *id = u_map_get(req->map_url, "id");
  int found = 0;
  memset(c, 0, sizeof *c); /* contract_ctx_free must be safe on every path */
  enum db_status st = validate_uuid(id) ? contract_load(id, c, &found) : DB_OK;
  if (st != DB_OK) {
    reply_db_error(resp, st, ctx);
    contract_ctx_free(c);
    return 0;
  }
  if (!found) {
    reply_error(resp, 404, "not_found", "No such contract.");
    contract_ctx_free(c);
    return 0;
  }
  if (id_out) {
    snprintf(id_out, 37, "%s", id);
  }
  return 1;
}

static int loaded(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx,
                  struct contract_ctx *c)
{
  return loaded_id(req, resp, ctx, c, NULL);
}

static int reply_view(struct _u_response *resp, struct req_ctx *ctx, const char *id, unsigned status)
{
  struct contract_ctx c;
  int found = 0;
  enum db_status st = contract_load(id, &c, &found);
  if (st != DB_OK || !found) {
    reply_db_error(resp, st == DB_OK ? DB_ERROR : st, ctx);
  } else {
    reply_json(resp, status, contract_view(&c, ctx->now));
  }
  contract_ctx_free(&c);
  return 0;
}

int http_contracts_get(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  struct contract_ctx c;
  if (loaded(req, resp, ctx, &c)) {
    reply_json(resp, 200, contract_view(&c, ctx->now));
    contract_ctx_free(&c);
  }
  return 0;
}

int http_contracts_list(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  struct field_errors fe = {0};
  int limit;
  char cursor[64];
  http_list_params(req, &fe, &limit, cursor, sizeof cursor);
  const char *customer = u_map_get(req->map_url, "customerId");
  if (customer && !validate_uuid(customer)) {
    field_errors_add(&fe, "customerId", "invalid_id");
  }
  if (field_errors_any(&fe)) {
    reply_fields(resp, &fe);
    return 0;
  }
  long long after = http_cursor_after(cursor), next = 0;
  static const char *const statuses[] = {"notStarted", "inTrial", "active", "cancellationPending", "ended",
                                          "annulled", NULL};
  const char *want = u_map_get(req->map_url, "status");
  int known = !want;
  for (int i = 0; want && statuses[i]; i++) {
    known |= strcmp(statuses[i], want) == 0;
  }
  if (!known) {
    field_errors_add(&fe, "status", "invalid_value");
    reply_fields(resp, &fe);
    return 0;
  }
  json_t *data = NULL;
  enum db_status st = store_contract_list(customer, limit, after, &data, &next);
  if (st != DB_OK) {
    reply_db_error(resp, st, ctx);
    return 0;
  }
  /* Status is derived at now by the calendar, so it is filtered here; a page may hold fewer than `limit` rows,
   * and nextCursor still walks the whole list. */
  json_t *views = json_array();
  size_t i;
  json_t *row;
  json_array_foreach(data, i, row) {
    struct contract_ctx c;
    int found = 0;
    st = contract_load(json_string_value(json_object_get(row, "id")), &c, &found);
    if (st == DB_OK && found && (!want || strcmp(contract_status(&c, ctx->now), want) == 0)) {
      json_array_append_new(views, contract_view(&c, ctx->now));
    }
    contract_ctx_free(&c);
    if (st != DB_OK) {
      break;
    }
  }
  json_decref(data);
  data = views;
  if (st != DB_OK) {
    json_decref(data);
    reply_db_error(resp, st, ctx);
    return 0;
  }
  reply_page(resp, data, next);
  return 0;
}

int http_contracts_cancellation_preview(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  instant_t at = ctx->now;
  const char *q = u_map_get(req->map_url, "at");
  if (q && rfc3339_parse(q, &at) != 0) {
    struct field_errors fe = {0};
    field_errors_add(&fe, "at", "invalid_instant");
    reply_fields(resp, &fe);
    return 0;
  }
  struct contract_ctx c;
  if (!loaded(req, resp, ctx, &c)) {
    return 0;
  }
  json_t *p = NULL;
  const char *status = contract_status(&c, at);
  if (strcmp(status, "ended") == 0 || strcmp(status, "annulled") == 0 || !(p = contract_preview_json(&c, at))) {
    reply_error(resp, 409, "contract_ended", "The contract has ended (or ends anyway) at that instant.");
  } else {
    reply_json(resp, 200, p);
  }
  contract_ctx_free(&c);
  return 0;
}

/* 409 when the contract cannot be cancelled at now. */
static int refuse_if_closed(struct _u_response *resp, const struct contract_ctx *c, instant_t now)
{
  const char *status = contract_status(c, now);
  if (strcmp(status, "ended") == 0 || strcmp(status, "annulled") == 0) {
    reply_error(resp, 409, "contract_ended", "The contract has ended already.");
    return 1;
  }
  if (c->cancelled) {
    reply_error(resp, 409, "already_cancelled", "The contract is cancelled already; revoke that first.");
    return 1;
  }
  return 0;
}

int http_contracts_cancel(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  struct field_errors fe = {0};
  static const char *const keys[] = {"endDate", "reason"};
  const char *k;
  json_t *v;
  json_object_foreach(ctx->body, k, v) {
    if (strcmp(k, keys[0]) != 0 && strcmp(k, keys[1]) != 0) {
      field_errors_add(&fe, k, "unknown_field");
    }
  }
  const json_t *reason = json_object_get(ctx->body, "reason");
  if (reason && !json_is_null(reason) && (!json_is_string(reason) || !validate_text(json_string_value(reason), 500))) {
    field_errors_add(&fe, "reason", "invalid");
  }
  instant_t end = 0;
  const json_t *e = json_object_get(ctx->body, "endDate");
  if (e && !json_is_null(e) && (!json_is_string(e) || rfc3339_parse(json_string_value(e), &end) != 0)) {
    field_errors_add(&fe, "endDate", "invalid_instant");
  }
  struct contract_ctx c;
  char id[37];
  if (field_errors_any(&fe)) {
    reply_fields(resp, &fe);
    return 0;
  }
  if (!loaded_id(req, resp, ctx, &c, id)) {
    return 0;
  }
  if (refuse_if_closed(resp, &c, ctx->now)) {
    contract_ctx_free(&c);
    return 0;
  }
  if (end && end <= c.start) {
    field_errors_add(&fe, "endDate", "not_after_start");
  }
  struct cancellation_preview p;
  if (!end && calendar_cancellation_preview(&c.terms, c.tz, c.start, ctx->now, &p) == CAL_OK) {
    end = p.end_date; /* the customer's rule: the first end the notice still reaches */
  }
  if (!end && !field_errors_any(&fe)) {
    reply_error(resp, 409, "contract_ended", "No cancellation can reach an end of this contract any more.");
    contract_ctx_free(&c);
    return 0;
  }
  contract_ctx_free(&c);
  if (field_errors_any(&fe)) {
    reply_fields(resp, &fe);
    return 0;
  }
  enum db_status st = store_contract_set_end(id, end, ctx->now, json_string_value(reason), 0, "ContractCancelled");
  return st == DB_OK ? reply_view(resp, ctx, id, 200) : (reply_db_error(resp, st, ctx), 0);
}

int http_contracts_annul(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  struct contract_ctx c;
  char id[37];
  if (!loaded_id(req, resp, ctx, &c, id)) {
    return 0;
  }
  int annulled = c.annulled;
  contract_ctx_free(&c);
  if (annulled) {
    reply_error(resp, 409, "already_annulled", "The contract is annulled already.");
    return 0;
  }
  enum db_status st = store_contract_set_end(id, 0, ctx->now, "annulled", 1, "ContractAnnulled");
  return st == DB_OK ? reply_view(resp, ctx, id, 200) : (reply_db_error(resp, st, ctx), 0);
}

int http_contracts_revoke_cancellation(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  struct contract_ctx c;
  char id[37];
  if (!loaded_id(req, resp, ctx, &c, id)) {
    return 0;
  }
  const char *status = contract_status(&c, ctx->now);
  int pending = strcmp(status, "cancellationPending") == 0 ||
                (c.cancelled && strcmp(status, "notStarted") == 0);
  instant_t fixed = contract_fixed_end(&c.terms, c.tz, c.start);
  contract_ctx_free(&c);
  if (!pending) {
    reply_error(resp, 409, "not_cancelled", "Only a pending cancellation can be revoked (before its end date).");
    return 0;
  }
  enum db_status st = store_contract_set_end(id, fixed, 0, NULL, 0, "ContractCancellationRevoked");
  return st == DB_OK ? reply_view(resp, ctx, id, 200) : (reply_db_error(resp, st, ctx), 0);
}

int http_contracts_token(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  json_t *settings = NULL;
  enum db_status st = settings_load(&settings);
  if (st != DB_OK) {
    reply_db_error(resp, st, ctx);
    return 0;
  }
  long minutes = (long)json_integer_value(json_object_get(settings, "portalTokenValidityMinutes"));
  json_decref(settings);
  const char *q = u_map_get(req->map_url, "validity");
  if (q) {
    char *end = NULL;
    minutes = strtol(q, &end, 10);
    if (!*q || *end || minutes < 1 || minutes > 10080) {
      struct field_errors fe = {0};
      field_errors_add_msg(&fe, "validity", "out_of_range", "1 to 10080 minutes");
      reply_fields(resp, &fe);
      return 0;
    }
  }
  struct contract_ctx c;
  char id[37], jti[37];
  if (!loaded_id(req, resp, ctx, &c, id)) {
    return 0;
  }
  contract_ctx_free(&c);
  char *token = token_issue(&ctx->app->keys, ctx->app->cfg.public_url, AUD_PORTAL, id, NULL, ctx->now,
                            (int)minutes * 60, jti);
  if (!token) {
    return -1;
  }
  st = store_token_insert(jti, id, ctx->claims.sub, ctx->now + minutes * 60);
  if (st != DB_OK) {
    free(token);
    reply_db_error(resp, st, ctx);
    return 0;
  }
  char exp[32], url[TOKEN_MAX_LEN + 600];
  snprintf(url, sizeof url, "%s/portal.html#/%s", ctx->app->cfg.public_url, token);
  reply_json(resp, 200, json_pack("{s:s, s:s, s:s, s:s}", "token", token, "jti", jti, "expiresAt",
                                  rfc3339_format(ctx->now + minutes * 60, exp, sizeof exp), "url", url));
  free(token);
  return 0;
}

int http_contracts_tokens_list(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  struct contract_ctx c;
  if (!loaded(req, resp, ctx, &c)) {
    return 0;
  }
  json_t *list = NULL;
  enum db_status st = store_token_list(json_string_value(json_object_get(c.contract, "id")), ctx->now, &list);
  contract_ctx_free(&c);
  if (st != DB_OK) {
    reply_db_error(resp, st, ctx);
    return 0;
  }
  reply_json(resp, 200, json_pack("{s:o, s:n}", "data", list, "nextCursor"));
  return 0;
}

int http_contracts_tokens_revoke(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  const char *id = u_map_get(req->map_url, "id"), *jti = u_map_get(req->map_url, "jti");
  int found = 0;
  enum db_status st = validate_uuid(id) && validate_uuid(jti) ? store_token_revoke(id, jti, ctx->now, &found) : DB_OK;
  if (st != DB_OK) {
    reply_db_error(resp, st, ctx);
  } else if (!found) {
    reply_error(resp, 404, "not_found", "No such token for this contract.");
  } else {
    ulfius_set_empty_body_response(resp, 204);
  }
  return 0;
}

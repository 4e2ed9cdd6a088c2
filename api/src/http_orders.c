/* http_orders.c: POST /orders/preview, POST /orders, GET /orders/{id}, POST /orders/{id}/commit. Orders are priced
 * when created and stay in progress for 24 hours; committing turns them into customer, contract and phase in one
 * transaction (store_orders.c). */
#include "http.h"
#include "contract_service.h"
#include "order_service.h"
#include "store.h"
#include "store_catalog.h"
#include "store_orders.h"
#include "validate.h"
#include <string.h>

#define ORDER_LIFETIME (24 * 3600)

/* Parses and prices; answers the 422 itself. Returns 1 when priced. */
static int priced(struct _u_response *resp, struct req_ctx *ctx, struct order_request *req, json_t **preview,
                  struct order_facts *facts)
{
  struct field_errors fe = {0};
  order_parse(ctx->body, ctx->now, req, &fe);
  enum db_status st = DB_OK;
  if (st == DB_OK && !field_errors_any(&fe)) {
    st = order_price(req, ctx->now, &fe, preview, facts);
  }
  if (st != DB_OK) {
    field_errors_clear(&fe);
    reply_db_error(resp, st, ctx);
    return 0;
  }
  if (field_errors_any(&fe)) {
    reply_fields(resp, &fe);
    return 0;
  }
  return 1;
}

int http_orders_preview(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  struct order_request order;
  struct order_facts facts;
  json_t *preview = NULL;
  if (priced(resp, ctx, &order, &preview, &facts)) {
    json_object_set_new(preview, "allowWithoutPaymentData", json_boolean(facts.allow_without_payment_data));
    reply_json(resp, 200, preview);
  }
  return 0;
}

int http_orders_create(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  struct order_request order;
  struct order_facts facts;
  json_t *preview = NULL, *out = NULL;
  if (!priced(resp, ctx, &order, &preview, &facts)) {
    return 0;
  }
  struct new_order o = {order.is_change ? "change" : "signup", order.customer_id[0] ? order.customer_id : NULL,
                        order.customer, order.is_change ? order.contract_id : NULL, facts.variant_id, order.cart,
                        facts.coupon_id, order.effective_at, preview, facts.currency, ctx->now + ORDER_LIFETIME,
                        ctx->claims.sub};
  char id[37];
  enum db_status st = store_order_insert(&o, id);
  json_decref(preview);
  if (st == DB_OK) {
    st = store_order_get(id, &out);
  }
  if (st != DB_OK || !out) {
    reply_db_error(resp, st == DB_OK ? DB_ERROR : st, ctx);
    return 0;
  }
  json_object_set_new(out, "allowWithoutPaymentData", json_boolean(facts.allow_without_payment_data));
  reply_json(resp, 201, out);
  return 0;
}

int http_orders_get(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  const char *id = u_map_get(req->map_url, "id");
  json_t *out = NULL;
  enum db_status st = validate_uuid(id) ? store_order_get(id, &out) : DB_OK;
  if (st != DB_OK) {
    reply_db_error(resp, st, ctx);
  } else if (!out) {
    reply_error(resp, 404, "not_found", "No such order.");
  } else {
    reply_json(resp, 200, out);
  }
  return 0;
}

/* The contract's fixed end for a signup (next step "end"), computed from the order's variant. */
static instant_t fixed_end_of(const json_t *order)
{
  json_t *variant = NULL, *settings = NULL;
  instant_t end = 0, start = 0;
  struct contract_terms t;
  if (store_catalog_get_variant(json_string_value(json_object_get(order, "planVariantId")), &variant) == DB_OK &&
      variant && settings_load(&settings) == DB_OK && settings &&
      rfc3339_parse(json_string_value(json_object_get(order, "startDate")), &start) == 0) {
    contract_terms_of(variant, &t);
    end = contract_fixed_end(&t, json_string_value(json_object_get(json_object_get(settings, "merchant"),
                                                                   "timeZone")), start);
  }
  json_decref(variant);
  json_decref(settings);
  return end;
}

int http_orders_commit(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  const char *id = u_map_get(req->map_url, "id");
  json_t *order = NULL;
  enum db_status st = validate_uuid(id) ? store_order_get(id, &order) : DB_OK;
  if (st != DB_OK || !order) {
    st != DB_OK ? reply_db_error(resp, st, ctx) : reply_error(resp, 404, "not_found", "No such order.");
    return 0;
  }
  instant_t end = strcmp(json_string_value(json_object_get(order, "type")), "signup") == 0 ? fixed_end_of(order) : 0;
  json_decref(order);
  enum commit_outcome outcome;
  char contract[37];
  st = store_order_commit(id, ctx->now, end, &outcome, contract);
  if (st != DB_OK) {
    reply_db_error(resp, st, ctx);
    return 0;
  }
  switch (outcome) {
  case COMMIT_NOT_FOUND: reply_error(resp, 404, "not_found", "No such order."); return 0;
  case COMMIT_ALREADY_COMMITTED:
    reply_error(resp, 409, "already_committed", "This order has been committed already; see its contractId.");
    return 0;
  case COMMIT_EXPIRED:
    reply_error(resp, 409, "order_expired", "This order has expired; create a new one.");
    return 0;
  case COMMIT_COUPON_GONE:
    reply_error(resp, 409, "coupon_no_longer_valid", "The coupon was used up or expired meanwhile; price again.");
    return 0;
  case COMMIT_CONTRACT_ENDED:
    reply_error(resp, 409, "contract_ended", "The contract has ended; it cannot be changed.");
    return 0;
  case COMMIT_OK: break;
  }
  st = store_order_get(id, &order);
  if (st != DB_OK || !order) {
    reply_db_error(resp, st == DB_OK ? DB_ERROR : st, ctx);
    return 0;
  }
  reply_json(resp, 200, order);
  return 0;
}

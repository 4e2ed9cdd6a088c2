/* http_portal.c: the customer's side, reached with a portal token only (auth_portal): GET /api/v1/portal returns
 * the page model of exactly the token's contract: contract with its dates, customer, plan variant (public fields),
 * the areas the merchant shows and their rights, and the theme. */
#include "http.h"
#include "catalog.h"
#include "contract_service.h"
#include "store.h"
#include "store_catalog.h"

static json_t *public_variant(const json_t *v)
{
  static const char *const keys[] = {"id", "name", "description", "contractPeriod", "cancellationPeriod",
                                     "billingPeriod", "recurringFee", "trialPeriod", NULL};
  json_t *o = json_object();
  for (int i = 0; keys[i]; i++) {
    json_object_set(o, keys[i], json_object_get(v, keys[i]));
  }
  return o;
}

int http_portal_get(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  struct contract_ctx c;
  int found = 0;
  json_t *customer = NULL, *settings = NULL;
  enum db_status st = contract_load(ctx->claims.sub, &c, &found);
  if (st == DB_OK && found) {
    st = store_catalog_get(&RES_CUSTOMERS, json_string_value(json_object_get(c.contract, "customerId")), &customer);
  }
  if (st == DB_OK && found) {
    st = settings_load(&settings);
  }
  if (st != DB_OK || !found || !customer) {
    st != DB_OK ? reply_db_error(resp, st, ctx) : reply_error(resp, 404, "not_found", "No such contract.");
  } else {
    reply_json(resp, 200, json_pack("{s:o, s:O, s:o, s:O, s:O, s:O}", "contract", contract_view(&c, ctx->now),
                                    "customer", customer, "planVariant", public_variant(c.variant), "areas",
                                    json_object_get(settings, "portalAreas"), "theme",
                                    json_object_get(settings, "theme"), "merchant",
                                    json_object_get(settings, "merchant")));
  }
  json_decref(customer);
  json_decref(settings);
  contract_ctx_free(&c);
  return 0;
}

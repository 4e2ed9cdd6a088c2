/* order_service.h: turning an order body into a priced preview (merchant orders, and later the public signup). */
#ifndef PORTICO_ORDER_SERVICE_H
#define PORTICO_ORDER_SERVICE_H
#include <jansson.h>
#include "db.h"
#include "errors.h"
#include "rfc3339.h"

struct order_request {
  int is_change;
  const json_t *customer;  /* inline customer of a signup (borrowed), or NULL */
  char customer_id[37];    /* existing customer of a signup */
  char contract_id[37];    /* the contract of a change order */
  const json_t *cart;      /* borrowed */
  instant_t effective_at;  /* signup start, or change date */
};

/* What pricing found out that the order row must remember. */
struct order_facts {
  char variant_id[37];
  char coupon_id[37];       /* "" without coupon */
  char currency[4];
  int allow_without_payment_data;
  int allow_self_service;
};

/* Checks the shape of an order body ({customer | customerId, cart, startDate?} or {contractId, cart,
 * changeDate?}); every problem goes to fe. Dates default to now. */
void order_parse(const json_t *body, instant_t now, struct order_request *req, struct field_errors *fe);
/* Prices the request against the catalog, settings and tax rules; *preview receives the preview JSON (caller
 * decrefs) when fe stays empty. */
enum db_status order_price(const struct order_request *req, instant_t now, struct field_errors *fe, json_t **preview,
                           struct order_facts *facts);

#endif

/* store_orders.h: the SQL of orders, contracts, their phases and events. */
#ifndef PORTICO_STORE_ORDERS_H
#define PORTICO_STORE_ORDERS_H
#include <jansson.h>
#include "db.h"
#include "rfc3339.h"

struct new_order {
  const char *type;            /* "signup" | "change" */
  const char *customer_id;     /* or NULL */
  const json_t *customer_data; /* inline customer, or NULL */
  const char *contract_id;     /* change orders */
  const char *variant_id;
  const json_t *cart;
  const char *coupon_id;       /* or NULL */
  instant_t effective_at;
  const json_t *preview;
  const char *currency;
  instant_t expires_at;
  const char *created_by;
};

enum db_status store_order_insert(const struct new_order *o, char id_out[37]);
/* The order as API JSON, or *out NULL. */
enum db_status store_order_get(const char *id, json_t **out);

enum commit_outcome {
  COMMIT_OK = 0,
  COMMIT_NOT_FOUND,
  COMMIT_ALREADY_COMMITTED,
  COMMIT_EXPIRED,
  COMMIT_COUPON_GONE,
  COMMIT_CONTRACT_ENDED,
};
/* Runs the whole commit in one transaction under a row lock on the order (so two concurrent commits yield one
 * effect). end_at: the contract's fixed end (next step "end"), or 0. contract_out receives the contract id. */
enum db_status store_order_commit(const char *order_id, instant_t now, instant_t end_at, enum commit_outcome *outcome,
                                  char contract_out[37]);

/* A contract with what the calendar needs: variant id, start, end, annulled. *out NULL when unknown. */
enum db_status store_contract_get(const char *id, json_t **out);
enum db_status store_contract_list(const char *customer_id, int limit, long long after_seq, json_t **data,
                                   long long *next_seq);
/* Sets (or clears, end_at 0) the end of a contract; annul ends it at its start. Records an event. */
enum db_status store_contract_set_end(const char *id, instant_t end_at, instant_t cancelled_at, const char *reason,
                                      int annul, const char *event_type);

#endif

/* store_orders.c: orders, contracts, phases and their events. The commit is one transaction: it locks the order
 * row (SELECT ... FOR UPDATE), so of any number of concurrent commits exactly one creates the contract; the others
 * see it committed. contracts.order_id is UNIQUE as a second guard. Coupon redemptions are counted with a guarded
 * UPDATE, so a coupon's limit holds under concurrency too. */
#include "store_orders.h"
#include "catalog.h"
#include "store_catalog.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TS(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static const struct db_stmt INSERT_ORDER = {NULL,
  "INSERT INTO orders (type, customer_id, customer_data, contract_id, plan_variant_id, cart, coupon_id, effective_at,"
  " preview, currency, expires_at, created_by) VALUES ($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7, $8, $9::jsonb, $10,"
  " $11, $12) RETURNING id", 0};

static const struct db_stmt GET_ORDER = {"order_get",
  "SELECT id, type, status, customer_id, customer_data::text, contract_id, plan_variant_id, cart::text, "
  TS("effective_at") ", preview::text, currency, " TS("expires_at") ", " TS("committed_at") ", " TS("created_at")
  " FROM orders WHERE id = $1", 1};

static char *dump(const json_t *j)
{
  return j ? json_dumps(j, JSON_COMPACT) : NULL;
}

enum db_status store_order_insert(const struct new_order *o, char id_out[37])
{
  char eff[32], exp[32];
  char *cust = dump(o->customer_data), *cart = dump(o->cart), *prev = dump(o->preview);
  const char *params[] = {o->type, o->customer_id, cust, o->contract_id, o->variant_id, cart,
                          o->coupon_id && *o->coupon_id ? o->coupon_id : NULL, rfc3339_format(o->effective_at, eff, 32),
                          prev, o->currency, rfc3339_format(o->expires_at, exp, 32), o->created_by};
  struct db_result *r = NULL;
  enum db_status st = db_exec(&INSERT_ORDER, 12, params, &r);
  if (st == DB_OK) {
    snprintf(id_out, 37, "%s", db_value(r, 0, 0));
  }
  db_result_free(r);
  free(cust);
  free(cart);
  free(prev);
  return st;
}

static json_t *text_or_null(const char *s)
{
  return s ? json_string(s) : json_null();
}

static json_t *json_or_null(const char *s)
{
  json_t *j = s ? json_loads(s, 0, NULL) : NULL;
  return j ? j : json_null();
}

enum db_status store_order_get(const char *id, json_t **out)
{
  const char *params[] = {id};
  struct db_result *r = NULL;
  *out = NULL;
  enum db_status st = db_exec(&GET_ORDER, 1, params, &r);
  if (st == DB_OK && db_rows(r) == 1) {
    const char *type = db_value(r, 0, 1);
    *out = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:o, s:s, s:s, s:o, s:s}",
                     "id", db_value(r, 0, 0), "type", type, "status", db_value(r, 0, 2),
                     "customerId", text_or_null(db_value(r, 0, 3)), "customer", json_or_null(db_value(r, 0, 4)),
                     "contractId", text_or_null(db_value(r, 0, 5)), "planVariantId", db_value(r, 0, 6),
                     "cart", json_or_null(db_value(r, 0, 7)), "preview", json_or_null(db_value(r, 0, 9)),
                     "currency", db_value(r, 0, 10), "expiresAt", db_value(r, 0, 11),
                     "committedAt", text_or_null(db_value(r, 0, 12)), "createdAt", db_value(r, 0, 13));
    json_object_set_new(*out, strcmp(type, "signup") == 0 ? "startDate" : "changeDate",
                        json_string(db_value(r, 0, 8)));
  }
  db_result_free(r);
  return st;
}

static const struct db_stmt LOCK_ORDER = {NULL,
  "SELECT type, status, expires_at <= $2::timestamptz, customer_id, customer_data::text, plan_variant_id, "
  "cart::text, coupon_id, " TS("effective_at") ", currency, contract_id FROM orders WHERE id = $1 FOR UPDATE", 0};
static const struct db_stmt REDEEM_COUPON = {NULL,
  "UPDATE coupons SET redemptions = redemptions + 1 WHERE id = $1 AND active AND archived_at IS NULL "
  "AND (max_redemptions IS NULL OR redemptions < max_redemptions) "
  "AND (valid_until IS NULL OR valid_until > $2::timestamptz) RETURNING id", 0};
static const struct db_stmt INSERT_CONTRACT = {NULL,
  "INSERT INTO contracts (customer_id, plan_variant_id, currency, start_at, end_at, order_id) "
  "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id", 0};
static const struct db_stmt INSERT_PHASE = {NULL,
  "INSERT INTO contract_phases (contract_id, valid_from, plan_variant_id, components, coupon_id, order_id) "
  "VALUES ($1, $2, $3, coalesce($4::jsonb -> 'components', '[]'::jsonb), $5, $6)", 0};
static const struct db_stmt CHANGE_CONTRACT = {NULL,
  "UPDATE contracts SET plan_variant_id = $2 WHERE id = $1 AND (end_at IS NULL OR end_at > $3::timestamptz) "
  "RETURNING id", 0};
static const struct db_stmt MARK_COMMITTED = {NULL,
  "UPDATE orders SET status = 'committed', committed_at = $2::timestamptz, customer_id = $3, contract_id = $4 "
  "WHERE id = $1", 0};
static const struct db_stmt INSERT_EVENT = {"event_insert",
  "INSERT INTO events (type, entity_id, payload) VALUES ($1, $2, $3::jsonb)", 0};

static enum db_status event(const char *type, const char *entity, const char *key, const char *value)
{
  char payload[256];
  snprintf(payload, sizeof payload, "{\"%s\": \"%s\"}", key, value);
  const char *params[] = {type, entity, payload};
  return db_exec(&INSERT_EVENT, 3, params, NULL);
}

/* Creates the inline customer of a signup order. */
static enum db_status create_customer(const char *data, char id_out[37])
{
  json_t *j = json_loads(data, 0, NULL);
  struct decoded d = {0};
  struct field_errors fe = {0};
  enum db_status st = DB_INVALID;
  if (j && catalog_decode(&RES_CUSTOMERS, j, 1, &fe, &d) == 0) {
    st = store_catalog_insert(&RES_CUSTOMERS, &d, id_out);
  }
  catalog_decoded_free(&RES_CUSTOMERS, &d);
  field_errors_clear(&fe);
  json_decref(j);
  return st == DB_OK ? event("CustomerCreated", id_out, "customerId", id_out) : st;
}

static enum db_status commit_locked(const char *order_id, instant_t now, instant_t end_at, struct db_result *o,
                                    enum commit_outcome *outcome, char contract_out[37])
{
  char now_s[32], end_s[32], customer[37] = "";
  const char *type = db_value(o, 0, 0), *coupon = db_value(o, 0, 7), *variant = db_value(o, 0, 5);
  enum db_status st = DB_OK;
  rfc3339_format(now, now_s, sizeof now_s);
  if (strcmp(db_value(o, 0, 1), "committed") == 0) {
    *outcome = COMMIT_ALREADY_COMMITTED;
    snprintf(contract_out, 37, "%s", db_value(o, 0, 10) ? db_value(o, 0, 10) : "");
    return DB_OK;
  }
  if (strcmp(db_value(o, 0, 2), "t") == 0) {
    *outcome = COMMIT_EXPIRED;
    return DB_OK;
  }
  if (coupon) {
    const char *p[] = {coupon, now_s};
    struct db_result *r = NULL;
    st = db_exec(&REDEEM_COUPON, 2, p, &r);
    int ok = db_rows(r) == 1;
    db_result_free(r);
    if (st != DB_OK || !ok) {
      *outcome = COMMIT_COUPON_GONE;
      return st;
    }
  }
  if (strcmp(type, "signup") == 0) {
    if (db_value(o, 0, 3)) {
      snprintf(customer, sizeof customer, "%s", db_value(o, 0, 3));
    } else if ((st = create_customer(db_value(o, 0, 4), customer)) != DB_OK) {
      return st;
    }
    const char *p[] = {customer, variant, db_value(o, 0, 9), db_value(o, 0, 8),
                       end_at ? rfc3339_format(end_at, end_s, sizeof end_s) : NULL, order_id};
    struct db_result *r = NULL;
    if ((st = db_exec(&INSERT_CONTRACT, 6, p, &r)) == DB_OK) {
      snprintf(contract_out, 37, "%s", db_value(r, 0, 0));
    }
    db_result_free(r);
  } else {
    snprintf(contract_out, 37, "%s", db_value(o, 0, 10));
    const char *p[] = {contract_out, variant, db_value(o, 0, 8)};
    struct db_result *r = NULL;
    st = db_exec(&CHANGE_CONTRACT, 3, p, &r);
    int ok = db_rows(r) == 1;
    db_result_free(r);
    if (st == DB_OK && !ok) {
      *outcome = COMMIT_CONTRACT_ENDED;
      return DB_OK;
    }
  }
  if (st != DB_OK) {
    return st;
  }
  const char *phase[] = {contract_out, db_value(o, 0, 8), variant, db_value(o, 0, 6), coupon, order_id};
  const char *mark[] = {order_id, now_s, customer[0] ? customer : NULL, contract_out};
  if ((st = db_exec(&INSERT_PHASE, 6, phase, NULL)) != DB_OK || (st = db_exec(&MARK_COMMITTED, 4, mark, NULL)) != DB_OK ||
      (st = event("OrderSucceeded", order_id, "orderId", order_id)) != DB_OK ||
      (st = event(strcmp(type, "signup") == 0 ? "ContractCreated" : "ContractChanged", contract_out, "contractId",
                  contract_out)) != DB_OK) {
    return st;
  }
  *outcome = COMMIT_OK;
  return DB_OK;
}

enum db_status store_order_commit(const char *order_id, instant_t now, instant_t end_at, enum commit_outcome *outcome,
                                  char contract_out[37])
{
  char now_s[32];
  const char *params[] = {order_id, rfc3339_format(now, now_s, sizeof now_s)};
  struct db_result *o = NULL;
  contract_out[0] = '\0';
  *outcome = COMMIT_NOT_FOUND;
  enum db_status st = db_begin();
  if (st != DB_OK) {
    return st;
  }
  if ((st = db_exec(&LOCK_ORDER, 2, params, &o)) == DB_OK && db_rows(o) == 1) {
    st = commit_locked(order_id, now, end_at, o, outcome, contract_out);
  }
  db_result_free(o);
  if (st == DB_OK && *outcome == COMMIT_OK) {
    return db_commit();
  }
  db_rollback();
  return st;
}

#define CONTRACT_COLUMNS                                                                                            \
  "c.id, c.customer_id, c.plan_variant_id, c.currency, " TS("c.start_at") ", " TS("c.end_at") ", "                 \
  TS("c.cancelled_at") ", c.cancellation_reason, c.annulled, " TS("c.created_at") ", c.seq, "                      \
  "(SELECT coalesce(jsonb_agg(jsonb_build_object('validFrom', " TS("p.valid_from") ", 'planVariantId', "          \
  "p.plan_variant_id, 'components', p.components) ORDER BY p.valid_from), '[]'::jsonb)::text "                    \
  "FROM contract_phases p WHERE p.contract_id = c.id)"

static json_t *contract_json(const struct db_result *r, int i)
{
  return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:b, s:s, s:o}", "id", db_value(r, i, 0),
                   "customerId", db_value(r, i, 1), "planVariantId", db_value(r, i, 2), "currency", db_value(r, i, 3),
                   "startDate", db_value(r, i, 4), "endDate", text_or_null(db_value(r, i, 5)),
                   "cancelledAt", text_or_null(db_value(r, i, 6)), "cancellationReason",
                   text_or_null(db_value(r, i, 7)), "annulled", strcmp(db_value(r, i, 8), "t") == 0,
                   "createdAt", db_value(r, i, 9), "phases", json_or_null(db_value(r, i, 11)));
}

enum db_status store_contract_get(const char *id, json_t **out)
{
  static const struct db_stmt GET = {"contract_get", "SELECT " CONTRACT_COLUMNS " FROM contracts c WHERE c.id = $1",
                                     1};
  const char *params[] = {id};
  struct db_result *r = NULL;
  *out = NULL;
  enum db_status st = db_exec(&GET, 1, params, &r);
  if (st == DB_OK && db_rows(r) == 1) {
    *out = contract_json(r, 0);
  }
  db_result_free(r);
  return st;
}

enum db_status store_contract_list(const char *customer_id, int limit, long long after_seq, json_t **data,
                                   long long *next_seq)
{
  static const struct db_stmt LIST = {"contract_list",
    "SELECT " CONTRACT_COLUMNS " FROM contracts c WHERE c.seq > $1::bigint "
    "AND ($2::uuid IS NULL OR c.customer_id = $2::uuid) ORDER BY c.seq LIMIT $3::int", 1};
  char after[24], lim[12];
  snprintf(after, sizeof after, "%lld", after_seq);
  snprintf(lim, sizeof lim, "%d", limit + 1);
  const char *params[] = {after, customer_id, lim};
  struct db_result *r = NULL;
  *data = NULL;
  *next_seq = 0;
  enum db_status st = db_exec(&LIST, 3, params, &r);
  if (st != DB_OK) {
    return st;
  }
  *data = json_array();
  for (int i = 0; i < db_rows(r) && i < limit; i++) {
    json_array_append_new(*data, contract_json(r, i));
  }
  if (db_rows(r) > limit) {
    *next_seq = strtoll(db_value(r, limit - 1, 10), NULL, 10);
  }
  db_result_free(r);
  return DB_OK;
}

enum db_status store_contract_set_end(const char *id, instant_t end_at, instant_t cancelled_at, const char *reason,
                                      int annul, const char *event_type)
{
  static const struct db_stmt SET_END = {NULL,
    "UPDATE contracts SET end_at = CASE WHEN $5 THEN start_at ELSE $2::timestamptz END, cancelled_at = $3, "
    "cancellation_reason = $4, annulled = $5::boolean WHERE id = $1", 0};
  char end_s[32], cancelled_s[32];
  const char *params[] = {id, end_at ? rfc3339_format(end_at, end_s, sizeof end_s) : NULL,
                          cancelled_at ? rfc3339_format(cancelled_at, cancelled_s, sizeof cancelled_s) : NULL, reason,
                          annul ? "true" : "false"};
  enum db_status st = db_begin();
  if (st == DB_OK && (st = db_exec(&SET_END, 5, params, NULL)) == DB_OK &&
      (st = event(event_type, id, "contractId", id)) == DB_OK) {
    return db_commit();
  }
  db_rollback();
  return st;
}

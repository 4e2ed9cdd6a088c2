/* order_service.c: from an order body to a priced preview. Loads the catalog view of the cart (variant, its plan
 * group's currency, the components the variant offers, the coupon), the merchant's settings and the EU rate table,
 * decides the VAT treatment for the customer (tax.c), prices with the pure core (pricing.c) and dates the result
 * with the calendar core (calendar.c). Every problem is reported against its field (cart.*, customer.*). */
#include "order_service.h"
#include "calendar.h"
#include "catalog.h"
#include "contract_service.h"
#include "tz.h"
#include "pricing.h"
#include "store.h"
#include "store_catalog.h"
#include "validate.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COMPONENTS 100

static const char *str(const json_t *o, const char *k)
{
  return json_string_value(json_object_get(o, k));
}

static void parse_cart(const json_t *cart, struct field_errors *fe)
{
  static const char *const keys[] = {"planVariantId", "components", "couponCode", NULL};
  if (!json_is_object(cart)) {
    field_errors_add(fe, "cart", cart ? "invalid_type" : "required");
    return;
  }
  field_errors_unknown_keys(fe, cart, "cart", keys);
  if (!validate_uuid(str(cart, "planVariantId"))) {
    field_errors_add(fe, "cart.planVariantId", str(cart, "planVariantId") ? "invalid_id" : "required");
  }
  const json_t *comps = json_object_get(cart, "components");
  if (comps && !json_is_null(comps)) {
    if (!json_is_array(comps) || json_array_size(comps) > MAX_COMPONENTS) {
      field_errors_add(fe, "cart.components", json_is_array(comps) ? "too_many" : "invalid_type");
    } else {
      size_t i;
      json_t *c;
      json_array_foreach(comps, i, c) {
        char f[64];
        static const char *const ckeys[] = {"componentId", "quantity", NULL};
        snprintf(f, sizeof f, "cart.components[%zu]", i);
        if (!json_is_object(c)) {
          field_errors_add(fe, f, "invalid_type");
          continue;
        }
        field_errors_unknown_keys(fe, c, f, ckeys);
        char g[96];
        snprintf(g, sizeof g, "%s.componentId", f);
        if (!validate_uuid(str(c, "componentId"))) {
          field_errors_add(fe, g, "invalid_id");
        }
        snprintf(g, sizeof g, "%s.quantity", f);
        if (!json_is_integer(json_object_get(c, "quantity"))) {
          field_errors_add(fe, g, "invalid_type");
        }
      }
    }
  }
  const json_t *coupon = json_object_get(cart, "couponCode");
  if (coupon && !json_is_null(coupon) && (!json_is_string(coupon) || !validate_text(json_string_value(coupon), 64))) {
    field_errors_add(fe, "cart.couponCode", "invalid");
  }
}

/* "YYYY-MM-DD" is taken as 00:00 UTC of that day only when no zone is known; callers pass instants normally. */
static void parse_instant(const json_t *body, const char *key, instant_t now, instant_t *out, struct field_errors *fe)
{
  const json_t *v = json_object_get(body, key);
  *out = now;
  if (!v || json_is_null(v)) {
    return;
  }
  if (!json_is_string(v) || rfc3339_parse(json_string_value(v), out) != 0) {
    field_errors_add_msg(fe, key, "invalid_instant", "an RFC 3339 instant, e.g. 2026-03-01T23:00:00Z");
  }
}

void order_parse(const json_t *body, instant_t now, struct order_request *req, struct field_errors *fe)
{
  memset(req, 0, sizeof *req);
  req->cart = json_object_get(body, "cart");
  const json_t *contract = json_object_get(body, "contractId");
  req->is_change = contract != NULL;
  if (req->is_change) {
    static const char *const keys[] = {"contractId", "cart", "changeDate", NULL};
    field_errors_unknown_keys(fe, body, "", keys);
    if (!validate_uuid(json_string_value(contract))) {
      field_errors_add(fe, "contractId", "invalid_id");
    } else {
      snprintf(req->contract_id, sizeof req->contract_id, "%s", json_string_value(contract));
    }
    parse_instant(body, "changeDate", now, &req->effective_at, fe);
  } else {
    static const char *const keys[] = {"customer", "customerId", "cart", "startDate", NULL};
    field_errors_unknown_keys(fe, body, "", keys);
    const json_t *customer = json_object_get(body, "customer");
    const json_t *customer_id = json_object_get(body, "customerId");
    if (customer && customer_id) {
      field_errors_add(fe, "customerId", "either_customer_or_customer_id");
    } else if (customer_id) {
      if (!validate_uuid(json_string_value(customer_id))) {
        field_errors_add(fe, "customerId", "invalid_id");
      } else {
        snprintf(req->customer_id, sizeof req->customer_id, "%s", json_string_value(customer_id));
      }
    } else if (!json_is_object(customer)) {
      field_errors_add(fe, "customer", customer ? "invalid_type" : "required");
    } else {
      req->customer = customer;
      struct decoded d = {0};
      struct field_errors local = {0};
      catalog_decode(&RES_CUSTOMERS, customer, 1, &local, &d);
      catalog_decoded_free(&RES_CUSTOMERS, &d);
      size_t i;
      json_t *e;
      json_array_foreach(local.list, i, e) { /* the customer's errors under "customer." */
        char f[128];
        snprintf(f, sizeof f, "customer.%s", json_string_value(json_object_get(e, "field")));
        field_errors_add(fe, f, json_string_value(json_object_get(e, "code")));
      }
      field_errors_clear(&local);
    }
    parse_instant(body, "startDate", now, &req->effective_at, fe);
  }
  parse_cart(req->cart, fe);
}

/* Everything loaded for one pricing run; the strings the pricing structs point into live in these objects. */
struct view {
  json_t *variant, *plan, *group, *components, *coupon, *settings, *customer;
  struct price_variant pv;
  struct price_component pc[MAX_COMPONENTS];
  size_t n_pc;
  struct price_coupon cp;
  const char *coupon_variant_ids[100];
  struct cart_line lines[MAX_COMPONENTS];
  size_t n_lines;
  struct vat_rate rates[40];
  long n_rates;
  struct tax_decision tax;
  struct contract_terms terms;
  const json_t *other_variant;  /* change orders: the old variant, to name its credit lines */
  int for_change;               /* price a regular period only: no setup fee, no trial, archived variant allowed */
};

static void view_free(struct view *v)
{
  json_decref(v->variant);
  json_decref(v->plan);
  json_decref(v->group);
  json_decref(v->components);
  json_decref(v->coupon);
  json_decref(v->settings);
  json_decref(v->customer);
}

static enum tax_category tax_category_of(const char *s)
{
  return s && strcmp(s, "reduced") == 0 ? TAX_REDUCED : s && strcmp(s, "exempt") == 0 ? TAX_EXEMPT : TAX_STANDARD;
}

static int offered(const json_t *variant, const char *component_id)
{
  const json_t *ids = json_object_get(variant, "componentIds");
  if (!json_is_array(ids)) {
    return 1;
  }
  size_t i;
  json_t *v;
  json_array_foreach(ids, i, v) {
    if (strcmp(json_string_value(v), component_id) == 0) {
      return 1;
    }
  }
  return 0;
}

static enum db_status load_catalog(const struct order_request *req, struct view *v, struct field_errors *fe)
{
  enum db_status st = store_catalog_get(&RES_PLAN_VARIANTS, str(req->cart, "planVariantId"), &v->variant);
  if (st != DB_OK) {
    return st;
  }
  if (!v->variant || (!v->for_change && json_is_true(json_object_get(v->variant, "archived")))) {
    field_errors_add(fe, "cart.planVariantId", "unknown");
    return DB_OK;
  }
  if ((st = store_catalog_get(&RES_PLANS, str(v->variant, "planId"), &v->plan)) != DB_OK || !v->plan ||
      (st = store_catalog_get(&RES_PLAN_GROUPS, str(v->plan, "planGroupId"), &v->group)) != DB_OK || !v->group) {
    return st == DB_OK ? DB_ERROR : st;
  }
  const struct field_spec *group_field = &RES_COMPONENTS.fields[0]; /* planGroupId */
  struct catalog_filter filter = {group_field, str(v->plan, "planGroupId")};
  long long next = 0;
  if ((st = store_catalog_list(&RES_COMPONENTS, &filter, 1, 0, MAX_COMPONENTS, 0, &v->components, &next)) != DB_OK) {
    return st;
  }
  const char *code = str(req->cart, "couponCode");
  if (code && *code) {
    char id[37];
    if ((st = store_coupon_id_by_code(code, id)) != DB_OK) {
      return st;
    }
    if (id[0] && (st = store_catalog_get(&RES_COUPONS, id, &v->coupon)) != DB_OK) {
      return st;
    }
  }
  return DB_OK;
}

static void build_pricing(struct view *v)
{
  const json_t *x = v->variant;
  v->pv = (struct price_variant){
    .id = str(x, "id"),
    .recurring_fee = json_integer_value(json_object_get(x, "recurringFee")),
    .setup_fee = json_integer_value(json_object_get(x, "setupFee")),
    .fee_period = catalog_period_at(x, "feePeriod"),
    .billing_period = catalog_period_at(x, "billingPeriod"),
    .trial = catalog_period_at(x, "trialPeriod"),
    .mode = strcmp(str(x, "paymentPeriodMode"), "postPaid") == 0 ? PAYMENT_POSTPAID : PAYMENT_PREPAID,
    .tax = tax_category_of(str(x, "taxCategory")),
  };
  if (v->for_change) {
    v->pv.setup_fee = 0;
    v->pv.trial = (struct period){PERIOD_NONE, 0};
  }
  size_t i;
  json_t *c;
  json_array_foreach(v->components, i, c) {
    if (v->n_pc >= MAX_COMPONENTS || !offered(x, str(c, "id"))) {
      continue;
    }
    const char *type = str(c, "type");
    const json_t *max = json_object_get(c, "maxQuantity");
    v->pc[v->n_pc++] = (struct price_component){
      .id = str(c, "id"),
      .kind = strcmp(type, "metered") == 0 ? COMPONENT_METERED : strcmp(type, "onOff") == 0 ? COMPONENT_ON_OFF
                                                                                         : COMPONENT_QUANTITY,
      .unit_price = json_integer_value(json_object_get(c, "unitPrice")),
      .fee_period = catalog_period_at(c, "feePeriod"),
      .min_quantity = json_integer_value(json_object_get(c, "minQuantity")),
      .max_quantity = json_is_integer(max) ? json_integer_value(max) : (strcmp(type, "onOff") == 0 ? 1 : 0),
      .tax = tax_category_of(str(c, "taxCategory")),
      .unit_name = NULL,
    };
  }
  if (v->coupon) {
    const json_t *cp = v->coupon;
    instant_t from = 0, until = 0;
    if (str(cp, "validFrom")) {
      rfc3339_parse(str(cp, "validFrom"), &from);
    }
    if (str(cp, "validUntil")) {
      rfc3339_parse(str(cp, "validUntil"), &until);
    }
    unsigned applies = 0;
    json_t *t;
    json_array_foreach(json_object_get(cp, "appliesTo"), i, t) {
      const char *s = json_string_value(t);
      applies |= strcmp(s, "recurringFee") == 0 ? COUPON_ON_RECURRING : strcmp(s, "components") == 0
                   ? COUPON_ON_COMPONENTS : COUPON_ON_SETUP;
    }
    size_t n_ids = 0;
    json_array_foreach(json_object_get(cp, "planVariantIds"), i, t) {
      if (n_ids < 100) {
        v->coupon_variant_ids[n_ids++] = json_string_value(t);
      }
    }
    const json_t *maxr = json_object_get(cp, "maxRedemptions");
    const char *kind = str(cp, "kind"), *dur = str(cp, "duration");
    int currency_ok = !str(cp, "currency") || strcmp(str(cp, "currency"), str(v->group, "currency")) == 0;
    v->cp = (struct price_coupon){
      .code = str(cp, "code"),
      .kind = strcmp(kind, "fixed") == 0 ? COUPON_FIXED : COUPON_PERCENT,
      .percent_bp = (int)json_integer_value(json_object_get(cp, "percentBasisPoints")),
      .amount = json_integer_value(json_object_get(cp, "amount")),
      .applies_to = applies,
      .duration = strcmp(dur, "forever") == 0 ? COUPON_FOREVER : strcmp(dur, "periods") == 0 ? COUPON_PERIODS
                                                                                            : COUPON_ONCE,
      .periods = (int)json_integer_value(json_object_get(cp, "durationPeriods")),
      .valid_from = from,
      .valid_until = until,
      .max_redemptions = json_is_integer(maxr) ? json_integer_value(maxr) : 0,
      .redemptions = json_integer_value(json_object_get(cp, "redemptions")),
      .variant_ids = v->coupon_variant_ids,
      .n_variant_ids = n_ids,
      .active = json_is_true(json_object_get(cp, "active")) && currency_ok &&
                !json_is_true(json_object_get(cp, "archived")),
    };
  }
  catalog_terms_of(x, &v->terms);
  v->terms.trial = v->pv.trial; /* no trial when pricing a change */
}

static void cart_lines(const json_t *cart, struct view *v)
{
  size_t i;
  json_t *c;
  json_array_foreach(json_object_get(cart, "components"), i, c) {
    if (v->n_lines < MAX_COMPONENTS) {
      v->lines[v->n_lines++] = (struct cart_line){str(c, "componentId"), (long)json_integer_value(json_object_get(c, "quantity"))};
    }
  }
}

/* The customer's country and VAT ID: from the inline customer, or the stored one. */
static enum db_status customer_facts(const struct order_request *req, struct view *v, const json_t **cust,
                                     struct field_errors *fe)
{
  *cust = req->customer;
  if (!*cust && req->customer_id[0]) {
    enum db_status st = store_catalog_get(&RES_CUSTOMERS, req->customer_id, &v->customer);
    if (st != DB_OK) {
      return st;
    }
    if (!v->customer) {
      field_errors_add(fe, "customerId", "unknown");
    }
    *cust = v->customer;
  }
  return DB_OK;
}

static enum db_status decide_tax(const struct order_request *req, struct view *v, struct field_errors *fe)
{
  const json_t *cust = NULL;
  enum db_status st = customer_facts(req, v, &cust, fe);
  if (st != DB_OK || field_errors_any(fe)) {
    return st;
  }
  v->n_rates = store_vat_rates(v->rates, 40);
  if (v->n_rates < 0) {
    return DB_ERROR;
  }
  const json_t *merchant = json_object_get(v->settings, "merchant");
  struct tax_input in = {str(merchant, "country"), str(json_object_get(cust, "address"), "country"),
                         str(cust, "vatId"), 0, 0};
  const char *prefix = req->customer ? "customer." : "customerId";
  char f[64];
  switch (tax_decide(v->rates, (size_t)v->n_rates, &in, &v->tax)) {
  case TAX_OK: break;
  case TAX_VAT_ID_INVALID:
  case TAX_VAT_ID_COUNTRY_MISMATCH:
    snprintf(f, sizeof f, "%s%s", prefix, req->customer ? "vatId" : "");
    field_errors_add(fe, f, "invalid_vat_id");
    break;
  default:
    snprintf(f, sizeof f, "%s%s", prefix, req->customer ? "address.country" : "");
    field_errors_add(fe, f, "no_tax_rule_for_country");
  }
  return DB_OK;
}

static const char *line_type(enum line_kind k)
{
  static const char *const names[] = {"recurringFee", "setupFee", "component", "discount"};
  return names[k];
}

static const json_t *component_json(const struct view *v, const char *id)
{
  size_t i;
  json_t *c;
  json_array_foreach(v->components, i, c) {
    if (strcmp(str(c, "id"), id) == 0) {
      return c;
    }
  }
  return NULL;
}

static json_t *document_json(const struct price_document *d, const struct view *v)
{
  static const char *const cats[] = {"standard", "reduced", "exempt"};
  json_t *lines = json_array(), *rates = json_array();
  for (size_t i = 0; i < d->n_lines; i++) {
    const struct price_line *l = &d->lines[i];
    const json_t *variant = v->other_variant && strcmp(str(v->other_variant, "id"), l->ref) == 0 ? v->other_variant
                                                                                                 : v->variant;
    const json_t *name = l->kind == LINE_COMPONENT ? json_object_get(component_json(v, l->ref), "name")
                         : l->kind == LINE_DISCOUNT ? NULL : json_object_get(variant, "name");
    json_array_append_new(lines, json_pack("{s:s, s:s, s:O, s:I, s:I, s:I, s:s, s:i, s:b}", "type",
      line_type(l->kind), "refId", l->ref, "name", name ? name : json_null(), "quantity", (json_int_t)l->quantity,
      "unitAmount", (json_int_t)l->unit_amount, "netAmount", (json_int_t)l->net, "taxCategory", cats[l->tax],
      "vatRateBasisPoints", l->rate_bp, "prorated", l->prorated));
  }
  for (size_t i = 0; i < d->n_rates; i++) {
    json_array_append_new(rates, json_pack("{s:i, s:I, s:I}", "rateBasisPoints", d->rates[i].rate_bp, "net",
                                           (json_int_t)d->rates[i].net, "vat", (json_int_t)d->rates[i].vat));
  }
  return json_pack("{s:o, s:o, s:I, s:I, s:I}", "lines", lines, "vat", rates, "net", (json_int_t)d->net, "vatAmount",
                   (json_int_t)d->vat, "gross", (json_int_t)d->gross);
}

static json_t *instant_json(instant_t t)
{
  char buf[32];
  return json_string(rfc3339_format(t, buf, sizeof buf));
}

/* When the contract would start, leave its trial, bill next, and end at the earliest. */
static json_t *dates_json(const struct view *v, instant_t start)
{
  const char *tz = str(json_object_get(v->settings, "merchant"), "timeZone");
  instant_t term_start = start, next_billing = 0;
  struct cancellation_preview p;
  json_t *o = json_pack("{s:o}", "startDate", instant_json(start));
  calendar_term_start(&v->terms, tz, start, &term_start);
  json_object_set_new(o, "trialEndDate", period_is_set(v->terms.trial) ? instant_json(term_start) : json_null());
  int has_next = calendar_next_billing(&v->terms, tz, start, v->pv.mode, 0, term_start, &next_billing) == CAL_OK;
  json_object_set_new(o, "nextBillingDate", has_next ? instant_json(next_billing) : json_null());
  struct contract_terms after_trial = v->terms;
  after_trial.trial = (struct period){PERIOD_NONE, 0};
  int has_end = calendar_cancellation_preview(&after_trial, tz, term_start, term_start, &p) == CAL_OK;
  json_object_set_new(o, "earliestEndDate", has_end ? instant_json(p.end_date) : json_null());
  return o;
}

static json_t *preview_json(const struct order_preview *op, const struct view *v, instant_t start)
{
  static const char *const treatments[] = {"domestic", "reverseCharge", "oss", "outsideEu"};
  json_t *usage = json_array();
  for (size_t i = 0; i < op->n_metered; i++) {
    const json_t *c = component_json(v, op->metered[i].component_id);
    if (!json_is_true(json_object_get(c, "showAsPricingInfo"))) {
      continue;
    }
    json_array_append_new(usage, json_pack("{s:s, s:O, s:O, s:I, s:i}", "componentId", op->metered[i].component_id,
      "name", json_object_get(c, "name"), "unitName", json_object_get(c, "unitName"), "unitPrice",
      (json_int_t)op->metered[i].unit_price, "vatRateBasisPoints", op->metered[i].rate_bp));
  }
  return json_pack("{s:s, s:o, s:o, s:o, s:b, s:s, s:o, s:o}", "currency", str(v->group, "currency"),
                   "dueNow", document_json(&op->due_now, v), "nextPeriod", document_json(&op->next_period, v),
                   "usageFees", usage, "couponApplied", op->coupon_applied, "taxTreatment",
                   treatments[v->tax.treatment], "taxNote", v->tax.note_key ? json_string(v->tax.note_key) : json_null(),
                   "contract", dates_json(v, start));
}

/* Loads the catalog view of `cart` and prices it for the customer of req. */
static enum db_status price_one(const struct order_request *req, const json_t *cart, instant_t now,
                                struct field_errors *fe, struct view *v, struct order_preview *op)
{
  struct order_request r = *req;
  r.cart = cart;
  enum db_status st = load_catalog(&r, v, fe);
  if (st == DB_OK && v->variant) {
    st = settings_load(&v->settings);
  }
  if (st == DB_OK && v->variant && v->settings) {
    st = decide_tax(&r, v, fe);
  }
  if (st != DB_OK || field_errors_any(fe) || !v->variant) {
    return st;
  }
  build_pricing(v);
  cart_lines(cart, v);
  struct pricing_input in = {&v->pv, v->pc, v->n_pc, v->lines, v->n_lines, str(cart, "couponCode"),
                             v->coupon ? &v->cp : NULL, &v->tax, now};
  if (pricing_price_cart(&in, op) > 0) {
    for (size_t i = 0; i < op->n_errors; i++) {
      field_errors_add_msg(fe, op->errors[i].field, op->errors[i].code, op->errors[i].reason);
    }
  }
  return DB_OK;
}

static void fill_facts(const struct view *v, const struct order_preview *op, struct order_facts *facts)
{
  snprintf(facts->variant_id, sizeof facts->variant_id, "%s", str(v->variant, "id"));
  snprintf(facts->coupon_id, sizeof facts->coupon_id, "%s", op->coupon_applied ? str(v->coupon, "id") : "");
  snprintf(facts->currency, sizeof facts->currency, "%s", str(v->group, "currency"));
  facts->allow_without_payment_data = json_is_true(json_object_get(v->variant, "allowWithoutPaymentData"));
  facts->allow_self_service = json_is_true(json_object_get(v->variant, "allowSelfService"));
}

/* The phase of the contract in force at t (the last one starting at or before t). */
static const json_t *phase_at(const json_t *contract, instant_t t)
{
  const json_t *found = NULL;
  size_t i;
  json_t *p;
  json_array_foreach(json_object_get(contract, "phases"), i, p) {
    instant_t from;
    if (rfc3339_parse(str(p, "validFrom"), &from) == 0 && from <= t) {
      found = p;
    }
  }
  return found;
}

/* Up/downgrade or quantity change: the new regular period, and (prepaid) the old period's lines credited and the
 * new ones charged for the rest of the billing period the change date falls in. */
static enum db_status price_change(const struct order_request *req, instant_t now, struct field_errors *fe,
                                   struct view *nv, struct view *ov, struct order_preview *np, json_t **preview)
{
  struct contract_ctx c;
  int found = 0;
  enum db_status st = contract_load(req->contract_id, &c, &found);
  if (st != DB_OK || !found) {
    if (st == DB_OK) {
      field_errors_add(fe, "contractId", "unknown");
    }
    contract_ctx_free(&c);
    return st;
  }
  if (c.annulled || (c.end && req->effective_at >= c.end)) {
    field_errors_add(fe, "changeDate", "after_contract_end");
  } else if (req->effective_at < c.start) {
    field_errors_add(fe, "changeDate", "before_contract_start");
  }
  if (field_errors_any(fe)) {
    contract_ctx_free(&c);
    return DB_OK;
  }
  struct order_request r = *req;
  snprintf(r.customer_id, sizeof r.customer_id, "%s", str(c.contract, "customerId"));
  r.customer = NULL;
  const json_t *phase = phase_at(c.contract, req->effective_at);
  json_t *old_cart = json_pack("{s:s, s:O}", "planVariantId", str(phase, "planVariantId"), "components",
                               json_object_get(phase, "components"));
  struct order_preview *op = calloc(1, sizeof *op);
  nv->for_change = ov->for_change = 1;
  char g_old[37] = "", g_new[37] = "";
  if (op && (st = price_one(&r, req->cart, now, fe, nv, np)) == DB_OK && !field_errors_any(fe) &&
      (st = store_catalog_group_of_variant(str(phase, "planVariantId"), g_old)) == DB_OK &&
      (st = store_catalog_group_of_variant(str(nv->variant, "id"), g_new)) == DB_OK) {
    if (strcmp(g_old, g_new) != 0) {
      field_errors_add(fe, "cart.planVariantId", "not_in_same_plan_group");
    } else {
      struct field_errors old_fe = {0};
      st = price_one(&r, old_cart, now, &old_fe, ov, op);
      field_errors_clear(&old_fe);
    }
  }
  json_t *proration = json_null();
  struct billing_period bp;
  if (st == DB_OK && !field_errors_any(fe) && ov->variant) {
    struct local_date d, s0, e0;
    memset(&np->due_now, 0, sizeof np->due_now);
    if (nv->pv.mode == PAYMENT_PREPAID &&
        calendar_billing_periods(&c.terms, c.tz, c.start, req->effective_at, req->effective_at + 1, &bp, 1) == 1 &&
        tz_local_date(c.tz, req->effective_at, &d) == 0 && tz_local_date(c.tz, bp.from, &s0) == 0 &&
        tz_local_date(c.tz, bp.to, &e0) == 0) {
      int64_t remaining = ld_days(e0) - ld_days(d), days = ld_days(e0) - ld_days(s0);
      pricing_prorate_change(&op->next_period, &np->next_period, remaining, days, &nv->tax, &np->due_now);
      proration = json_pack("{s:o, s:o, s:I, s:I}", "periodStart", instant_json(bp.from), "periodEnd",
                            instant_json(bp.to), "remainingDays", (json_int_t)remaining, "periodDays",
                            (json_int_t)days);
    }
    nv->other_variant = ov->variant;
    *preview = preview_json(np, nv, req->effective_at);
    json_object_set_new(*preview, "proration", proration);
  } else {
    json_decref(proration);
  }
  json_decref(old_cart);
  free(op);
  contract_ctx_free(&c);
  return st;
}

enum db_status order_price(const struct order_request *req, instant_t now, struct field_errors *fe, json_t **preview,
                           struct order_facts *facts)
{
  struct view *v = calloc(1, sizeof *v), *old = calloc(1, sizeof *old);
  struct order_preview *op = calloc(1, sizeof *op);
  enum db_status st = DB_ERROR;
  *preview = NULL;
  memset(facts, 0, sizeof *facts);
  if (v && old && op) {
    if (req->is_change) {
      st = price_change(req, now, fe, v, old, op, preview);
    } else if ((st = price_one(req, req->cart, now, fe, v, op)) == DB_OK && !field_errors_any(fe) && v->variant) {
      *preview = preview_json(op, v, req->effective_at);
    }
    if (st == DB_OK && *preview) {
      fill_facts(v, op, facts);
    }
  }
  if (v) {
    view_free(v);
  }
  if (old) {
    view_free(old);
  }
  free(v);
  free(old);
  free(op);
  return st;
}

/* contract_service.c: reads a contract with its plan variant and the merchant's time zone, and derives what the
 * calendar says about it at a given instant: status, trial end, the end of the current term, the next billing
 * date and the cancellation preview. The terms are those of the contract's current plan variant, anchored at the
 * contract's start. */
#include "contract_service.h"
#include "catalog.h"
#include "store.h"
#include "store_catalog.h"
#include "store_orders.h"
#include <stdio.h>
#include <string.h>

static const char *str(const json_t *o, const char *k)
{
  return json_string_value(json_object_get(o, k));
}

static json_t *instant_json(instant_t t)
{
  char buf[32];
  return json_string(rfc3339_format(t, buf, sizeof buf));
}

void contract_terms_of(const json_t *v, struct contract_terms *t)
{
  catalog_terms_of(v, t);
}

enum db_status contract_load(const char *id, struct contract_ctx *c, int *found)
{
  memset(c, 0, sizeof *c); /* callers free c on every path, found or not */
  *found = 0;
  json_t *settings = NULL, *next = NULL;
  enum db_status st = store_contract_get(id, &c->contract);
  if (st != DB_OK || !c->contract) {
    return st;
  }
  if ((st = store_catalog_get(&RES_PLAN_VARIANTS, str(c->contract, "planVariantId"), &c->variant)) != DB_OK ||
      !c->variant || (st = settings_load(&settings)) != DB_OK) {
    return st == DB_OK ? DB_ERROR : st;
  }
  *found = 1;
  snprintf(c->tz, sizeof c->tz, "%s", str(json_object_get(settings, "merchant"), "timeZone"));
  json_decref(settings);
  contract_terms_of(c->variant, &c->terms);
  if (c->terms.next_step == NEXT_CHANGE && str(c->variant, "nextPlanVariantId") &&
      store_catalog_get(&RES_PLAN_VARIANTS, str(c->variant, "nextPlanVariantId"), &next) == DB_OK && next) {
    contract_terms_of(next, &c->next);
    c->terms.next = &c->next;
  }
  json_decref(next);
  rfc3339_parse(str(c->contract, "startDate"), &c->start);
  if (str(c->contract, "endDate")) {
    rfc3339_parse(str(c->contract, "endDate"), &c->end);
  }
  c->annulled = json_is_true(json_object_get(c->contract, "annulled"));
  c->cancelled = str(c->contract, "cancelledAt") != NULL;
  c->mode = strcmp(str(c->variant, "paymentPeriodMode"), "postPaid") == 0 ? PAYMENT_POSTPAID : PAYMENT_PREPAID;
  return DB_OK;
}

void contract_ctx_free(struct contract_ctx *c)
{
  json_decref(c->contract);
  json_decref(c->variant);
  c->contract = c->variant = NULL;
}

instant_t contract_fixed_end(const struct contract_terms *terms, const char *tz, instant_t start)
{
  instant_t e0 = 0;
  if (terms->next_step == NEXT_END && calendar_term_end(terms, tz, start, 0, &e0) != CAL_OK) {
    e0 = 0;
  }
  return e0;
}

const char *contract_status(const struct contract_ctx *c, instant_t now)
{
  instant_t term_start = c->start;
  if (c->annulled) {
    return "annulled";
  }
  if (c->end && now >= c->end) {
    return "ended";
  }
  if (now < c->start) {
    return "notStarted";
  }
  if (c->cancelled) {
    return "cancellationPending";
  }
  calendar_term_start(&c->terms, c->tz, c->start, &term_start);
  return period_is_set(c->terms.trial) && now < term_start ? "inTrial" : "active";
}

json_t *contract_preview_json(const struct contract_ctx *c, instant_t at)
{
  struct cancellation_preview p;
  if (calendar_cancellation_preview(&c->terms, c->tz, c->start, at, &p) != CAL_OK) {
    return NULL;
  }
  char lsd[16];
  ld_format(p.last_service_day, lsd, sizeof lsd);
  return json_pack("{s:o, s:o, s:s, s:b}", "endDate", instant_json(p.end_date), "nextPossibleCancellationDate",
                   instant_json(p.next_possible_cancellation), "lastServiceDay", lsd, "inTrial", p.in_trial);
}

/* The first term end after now (null once an indefinite term has begun). */
static json_t *current_term_end(const struct contract_ctx *c, instant_t now)
{
  for (long k = 0; k < 2000; k++) {
    instant_t e;
    if (calendar_term_end(&c->terms, c->tz, c->start, k, &e) != CAL_OK) {
      return json_null();
    }
    if (e > now) {
      return instant_json(e);
    }
  }
  return json_null();
}

json_t *contract_view(const struct contract_ctx *c, instant_t now)
{
  json_t *v = json_deep_copy(c->contract);
  const char *status = contract_status(c, now);
  instant_t term_start = c->start, next_billing;
  calendar_term_start(&c->terms, c->tz, c->start, &term_start);
  json_object_set_new(v, "status", json_string(status));
  json_object_set_new(v, "trialEndDate", period_is_set(c->terms.trial) ? instant_json(term_start) : json_null());
  json_object_set_new(v, "currentTermEndDate", current_term_end(c, now));
  int billing = calendar_next_billing(&c->terms, c->tz, c->start, c->mode, c->end, now, &next_billing) == CAL_OK;
  json_object_set_new(v, "nextBillingDate", billing && !c->annulled ? instant_json(next_billing) : json_null());
  json_t *preview = NULL;
  if (strcmp(status, "ended") != 0 && strcmp(status, "annulled") != 0 && strcmp(status, "cancellationPending") != 0) {
    preview = contract_preview_json(c, now);
  }
  json_object_set_new(v, "cancellationPreview", preview ? preview : json_null());
  json_object_del(v, "phases");
  json_object_set(v, "phases", json_object_get(c->contract, "phases"));
  return v;
}

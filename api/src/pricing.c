/* pricing.c: turns a cart into priced documents. The order of work: validate the cart against the catalog view
 * (collecting every error), build the lines of one regular billing period, place them into the document due now
 * and the next one according to trial and payment mode, apply the coupon per document, then compute VAT per rate
 * on the sum of the net lines, rounded half away from zero once per rate.
 * Pure: no I/O, no globals, integer minor units only. */
#include "pricing.h"
#include <stdio.h>
#include <string.h>

static void add_error(struct order_preview *out, const char *field, const char *code, const char *reason)
{
  if (out->n_errors < PRICING_MAX_ERRORS) {
    struct pricing_error *e = &out->errors[out->n_errors++];
    snprintf(e->field, sizeof e->field, "%s", field);
    e->code = code;
    e->reason = reason;
  }
}

/* How many fee periods one billing period holds, or 0 when it is not a whole multiple. */
static long fee_multiplier(struct period billing, struct period fee)
{
  if (!period_is_multiple_of(billing, fee)) {
    return 0;
  }
  if (period_is_monthly(billing)) {
    return period_months(billing) / period_months(fee);
  }
  return period_max_days(billing) / period_max_days(fee);
}

static int amount_times(money_t a, long b, long c, money_t *out)
{
  money_t x;
  if (__builtin_mul_overflow(a, (money_t)b, &x) || __builtin_mul_overflow(x, (money_t)c, &x) || x > MONEY_MAX ||
      x < -MONEY_MAX) {
    return -1;
  }
  *out = x;
  return 0;
}

static void add_line(struct price_document *d, enum line_kind kind, const char *ref, long qty, money_t unit,
                     money_t net, enum tax_category tax)
{
  if (d->n_lines < PRICING_MAX_LINES) {
    d->lines[d->n_lines++] = (struct price_line){kind, ref, qty, unit, net, tax, 0, 0};
  }
}

static const struct cart_line *cart_find(const struct pricing_input *in, const char *id, struct order_preview *out)
{
  const struct cart_line *found = NULL;
  for (size_t i = 0; i < in->n_cart; i++) {
    if (in->cart[i].component_id && strcmp(in->cart[i].component_id, id) == 0) {
      if (found) {
        char f[64];
        snprintf(f, sizeof f, "cart.components[%zu].componentId", i);
        add_error(out, f, "duplicate", NULL);
      } else {
        found = &in->cart[i];
      }
    }
  }
  return found;
}

static void check_unknown_cart_lines(const struct pricing_input *in, struct order_preview *out)
{
  for (size_t i = 0; i < in->n_cart; i++) {
    int known = 0;
    for (size_t j = 0; j < in->n_components && !known; j++) {
      known = in->cart[i].component_id && strcmp(in->components[j].id, in->cart[i].component_id) == 0;
    }
    if (!known) {
      char f[64];
      snprintf(f, sizeof f, "cart.components[%zu].componentId", i);
      add_error(out, f, "unknown", NULL);
    }
  }
}

/* The quantity of a component in the cart (min when absent), validated. -1 after reporting an error. */
static long component_quantity(const struct pricing_input *in, const struct price_component *c,
                               struct order_preview *out)
{
  const struct cart_line *line = cart_find(in, c->id, out);
  long q = line ? line->quantity : (c->kind == COMPONENT_QUANTITY ? c->min_quantity : 0);
  char f[64];
  snprintf(f, sizeof f, "cart.components[%zu].quantity", line ? (size_t)(line - in->cart) : 0);
  if (c->kind == COMPONENT_METERED) {
    if (line) {
      snprintf(f, sizeof f, "cart.components[%zu].componentId", (size_t)(line - in->cart));
      add_error(out, f, "not_orderable", "metered components are billed by usage");
      return -1;
    }
    return 0;
  }
  if (q < 0) {
    add_error(out, f, "invalid", NULL);
    return -1;
  }
  if (c->kind == COMPONENT_ON_OFF && q > 1) {
    add_error(out, f, "must_be_0_or_1", NULL);
    return -1;
  }
  if (q < c->min_quantity) {
    add_error(out, f, "below_minimum", NULL);
    return -1;
  }
  if ((c->max_quantity > 0 && q > c->max_quantity) || q > PRICING_MAX_QUANTITY) {
    add_error(out, f, "above_maximum", NULL);
    return -1;
  }
  return q;
}

/* The lines of one regular billing period (recurring fee and components), into `period`. */
static void period_lines(const struct pricing_input *in, struct price_document *period, struct order_preview *out)
{
  const struct price_variant *v = in->variant;
  if (v->recurring_fee != 0 || period_is_set(v->fee_period)) {
    long m = fee_multiplier(v->billing_period, v->fee_period);
    money_t unit;
    if (m == 0) {
      add_error(out, "cart.planVariantId", "billing_not_multiple_of_fee_period", NULL);
    } else if (amount_times(v->recurring_fee, m, 1, &unit) != 0) {
      add_error(out, "cart.planVariantId", "amount_too_large", NULL);
    } else {
      add_line(period, LINE_RECURRING_FEE, v->id, 1, unit, unit, v->tax);
    }
  }
  check_unknown_cart_lines(in, out);
  for (size_t i = 0; i < in->n_components; i++) {
    const struct price_component *c = &in->components[i];
    long q = component_quantity(in, c, out);
    if (c->kind == COMPONENT_METERED) {
      if (out->n_metered < PRICING_MAX_METERED) {
        out->metered[out->n_metered++] =
          (struct metered_info){c->id, c->unit_price, c->unit_name, in->tax->rate_bp[c->tax]};
      }
      continue;
    }
    if (q <= 0) {
      continue;
    }
    long m = fee_multiplier(v->billing_period, c->fee_period);
    money_t unit, net;
    if (m == 0) {
      add_error(out, "cart.planVariantId", "component_fee_period_mismatch", c->id);
    } else if (amount_times(c->unit_price, m, 1, &unit) != 0 || amount_times(unit, q, 1, &net) != 0) {
      add_error(out, "cart.components", "amount_too_large", c->id);
    } else {
      add_line(period, LINE_COMPONENT, c->id, q, unit, net, c->tax);
    }
  }
}

static const char *coupon_problem(const struct pricing_input *in)
{
  const struct price_coupon *c = in->coupon;
  if (!c) {
    return "unknown";
  }
  if (!c->active) {
    return "inactive";
  }
  if (c->valid_from && in->now < c->valid_from) {
    return "not_yet_valid";
  }
  if (c->valid_until && in->now >= c->valid_until) {
    return "expired";
  }
  if (c->max_redemptions > 0 && c->redemptions >= c->max_redemptions) {
    return "exhausted";
  }
  if (c->n_variant_ids > 0) {
    int ok = 0;
    for (size_t i = 0; i < c->n_variant_ids && !ok; i++) {
      ok = strcmp(c->variant_ids[i], in->variant->id) == 0;
    }
    if (!ok) {
      return "not_for_this_plan";
    }
  }
  return NULL;
}

static int coupon_covers(const struct price_coupon *c, enum line_kind k)
{
  return (k == LINE_RECURRING_FEE && (c->applies_to & COUPON_ON_RECURRING)) ||
         (k == LINE_COMPONENT && (c->applies_to & COUPON_ON_COMPONENTS)) ||
         (k == LINE_SETUP_FEE && (c->applies_to & COUPON_ON_SETUP));
}

/* Adds one discount line per tax category of the covered lines; fixed amounts are split across categories in
 * proportion to their net, the last category taking the rounding remainder. Returns 1 when a discount applied. */
static int apply_coupon(const struct price_coupon *c, struct price_document *d)
{
  money_t by_cat[3] = {0, 0, 0}, covered = 0;
  size_t n = d->n_lines;
  for (size_t i = 0; i < n; i++) {
    if (coupon_covers(c, d->lines[i].kind) && d->lines[i].net > 0) {
      by_cat[d->lines[i].tax] += d->lines[i].net;
      covered += d->lines[i].net;
    }
  }
  if (covered <= 0) {
    return 0;
  }
  money_t fixed = c->kind == COUPON_FIXED ? (c->amount < covered ? c->amount : covered) : 0, given = 0;
  int last = -1;
  for (int cat = 0; cat < 3; cat++) {
    if (by_cat[cat] > 0) {
      last = cat;
    }
  }
  for (int cat = 0; cat < 3; cat++) {
    if (by_cat[cat] <= 0) {
      continue;
    }
    money_t disc = c->kind == COUPON_PERCENT ? money_apply_bp(by_cat[cat], c->percent_bp)
                   : cat == last ? fixed - given : money_prorate(fixed, by_cat[cat], covered);
    given += disc;
    if (disc > 0) {
      add_line(d, LINE_DISCOUNT, c->code, 1, -disc, -disc, (enum tax_category)cat);
    }
  }
  return 1;
}

static void compute_vat(const struct tax_decision *tax, struct price_document *d)
{
  d->n_rates = 0;
  d->net = d->vat = 0;
  for (size_t i = 0; i < d->n_lines; i++) {
    struct price_line *l = &d->lines[i];
    l->rate_bp = tax->rate_bp[l->tax];
    size_t r = 0;
    while (r < d->n_rates && d->rates[r].rate_bp != l->rate_bp) {
      r++;
    }
    if (r == d->n_rates && d->n_rates < 3) {
      d->rates[d->n_rates++] = (struct rate_total){l->rate_bp, 0, 0};
    }
    if (r < 3) {
      d->rates[r].net += l->net;
    }
  }
  for (size_t r = 0; r < d->n_rates; r++) {
    d->rates[r].vat = money_apply_bp(d->rates[r].net, d->rates[r].rate_bp);
    d->net += d->rates[r].net;
    d->vat += d->rates[r].vat;
  }
  d->gross = d->net + d->vat;
}

static void copy_lines(struct price_document *to, const struct price_document *from)
{
  for (size_t i = 0; i < from->n_lines; i++) {
    add_line(to, from->lines[i].kind, from->lines[i].ref, from->lines[i].quantity, from->lines[i].unit_amount,
             from->lines[i].net, from->lines[i].tax);
  }
}

size_t pricing_price_cart(const struct pricing_input *in, struct order_preview *out)
{
  memset(out, 0, sizeof *out);
  const struct price_variant *v = in->variant;
  struct price_document period;
  memset(&period, 0, sizeof period);
  if (v->setup_fee < 0 || v->setup_fee > MONEY_MAX || v->recurring_fee < 0 || v->recurring_fee > MONEY_MAX) {
    add_error(out, "cart.planVariantId", "invalid_amount", NULL);
    return out->n_errors;
  }
  period_lines(in, &period, out);
  const char *problem = NULL;
  if (in->coupon_code && *in->coupon_code && (problem = coupon_problem(in)) != NULL) {
    add_error(out, "cart.couponCode", "invalid_coupon", problem);
  }
  if (out->n_errors) {
    return out->n_errors;
  }
  out->has_trial = period_is_set(v->trial);
  /* Which documents hold what: [0] due now, [1] next regular invoice; idx = billing period number (0: none). */
  struct price_document *docs[2] = {&out->due_now, &out->next_period};
  int idx[2];
  if (out->has_trial) {
    idx[0] = 0; /* nothing is due during the trial */
    idx[1] = 1;
    copy_lines(docs[1], &period);
  } else if (v->mode == PAYMENT_PREPAID) {
    idx[0] = 1;
    idx[1] = 2;
    copy_lines(docs[0], &period);
    copy_lines(docs[1], &period);
  } else {
    idx[0] = 0; /* postpaid: the period is billed at its end */
    idx[1] = 1;
    copy_lines(docs[1], &period);
  }
  if (v->setup_fee > 0) {
    struct price_document *first = out->has_trial ? docs[1] : docs[0];
    add_line(first, LINE_SETUP_FEE, v->id, 1, v->setup_fee, v->setup_fee, v->tax);
  }
  const struct price_coupon *c = problem == NULL && in->coupon_code && *in->coupon_code ? in->coupon : NULL;
  int used_once = 0;
  for (int i = 0; c && i < 2; i++) {
    int eligible = c->duration == COUPON_FOREVER || (c->duration == COUPON_PERIODS && idx[i] <= c->periods) ||
                   (c->duration == COUPON_ONCE && !used_once);
    if (eligible && apply_coupon(c, docs[i])) {
      out->coupon_applied = 1;
      used_once = 1;
    }
  }
  compute_vat(in->tax, docs[0]);
  compute_vat(in->tax, docs[1]);
  return 0;
}

static void add_prorated(struct price_document *out, const struct price_line *l, int sign, int64_t remaining,
                         int64_t days)
{
  money_t net = sign * money_prorate(l->net, remaining, days);
  if (net != 0 && out->n_lines < PRICING_MAX_LINES) {
    out->lines[out->n_lines++] = (struct price_line){l->kind, l->ref, l->quantity, l->quantity ? net / l->quantity
                                                     : net, net, l->tax, 0, 1};
  }
}

void pricing_prorate_change(const struct price_document *old_period, const struct price_document *new_period,
                            int64_t remaining_days, int64_t period_days, const struct tax_decision *tax,
                            struct price_document *out)
{
  memset(out, 0, sizeof *out);
  if (period_days <= 0 || remaining_days <= 0) {
    compute_vat(tax, out);
    return;
  }
  for (size_t i = 0; i < old_period->n_lines; i++) {
    add_prorated(out, &old_period->lines[i], -1, remaining_days, period_days);
  }
  for (size_t i = 0; i < new_period->n_lines; i++) {
    add_prorated(out, &new_period->lines[i], 1, remaining_days, period_days);
  }
  compute_vat(tax, out);
}

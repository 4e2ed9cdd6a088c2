/* calendar.c: when contracts end and bill, per DESIGN §5. All arithmetic is on local dates (period.c) from one
 * anchor in one step; tz.c turns local midnights into instants only at the edges. Loops over terms start from a
 * safe lower bound, so a contract imported decades back costs a handful of iterations.
 * Pure: no I/O, no globals, no clock: the caller passes the instants. */
#include "calendar.h"
#include "tz.h"
#include <string.h>

struct anchor {
  struct local_date a;  /* local date of the start instant */
  struct local_date t;  /* term start date: A + trial */
  instant_t t_inst;     /* term start instant: midnight of T with a trial, else the start instant */
};

static enum cal_status make_anchor(const struct contract_terms *c, const char *tz, instant_t start, struct anchor *x)
{
  if (tz_local_date(tz, start, &x->a) != 0) {
    return CAL_BAD_ZONE;
  }
  x->t = ld_add_period(x->a, c->trial, 1);
  x->t_inst = start;
  if (period_is_set(c->trial) && tz_midnight(tz, x->t, &x->t_inst) != 0) {
    return CAL_BAD_ZONE;
  }
  return CAL_OK;
}

/* E_k as a local date; -1 when the terms define no such end. */
static int end_date_k(const struct contract_terms *c, const struct anchor *x, long k, struct local_date *out)
{
  if (!period_is_set(c->contract)) {
    if (!period_is_set(c->billing)) {
      return -1;
    }
    *out = ld_add_period(x->t, c->billing, k + 1);
    return 0;
  }
  if (k == 0) {
    *out = ld_add_period(x->t, c->contract, 1);
    return 0;
  }
  if (c->next_step != NEXT_RENEW || !period_is_set(c->later_contract)) {
    return -1;
  }
  if (period_is_monthly(c->contract) && period_is_monthly(c->later_contract)) {
    struct period months = {PERIOD_MONTH, 1};
    *out = ld_add_period(x->t, months, period_months(c->contract) + k * period_months(c->later_contract));
  } else {
    *out = ld_add_period(ld_add_period(x->t, c->contract, 1), c->later_contract, k);
  }
  return 0;
}

static struct period notice_for(const struct contract_terms *c, long k)
{
  if (!period_is_set(c->contract) || k == 0) {
    return c->cancellation;
  }
  return c->later_cancellation;
}

enum cal_status calendar_term_start(const struct contract_terms *c, const char *tz, instant_t start, instant_t *out)
{
  struct anchor x;
  enum cal_status st = make_anchor(c, tz, start, &x);
  if (st == CAL_OK) {
    *out = x.t_inst;
  }
  return st;
}

enum cal_status calendar_term_end(const struct contract_terms *c, const char *tz, instant_t start, long k,
                                  instant_t *out)
{
  struct anchor x;
  struct local_date e;
  enum cal_status st = make_anchor(c, tz, start, &x);
  if (st != CAL_OK) {
    return st;
  }
  if (k < 0 || end_date_k(c, &x, k, &e) != 0) {
    return CAL_BAD_TERMS;
  }
  return tz_midnight(tz, e, out) == 0 ? CAL_OK : CAL_BAD_ZONE;
}

static void finish(const char *tz, struct cancellation_preview *out)
{
  tz_local_date(tz, out->end_date - 1, &out->last_service_day);
}

/* Ends E_k with a notice deadline: the first k >= k_min whose deadline t still meets. */
static enum cal_status first_reachable_end(const struct contract_terms *c, const char *tz, const struct anchor *x,
                                           long k_min, instant_t t, struct cancellation_preview *out)
{
  struct local_date tl, e0;
  if (tz_local_date(tz, t, &tl) != 0 || end_date_k(c, x, k_min, &e0) != 0) {
    return CAL_BAD_TERMS;
  }
  /* Lower bound: E_k <= E_kmin + (k - kmin) * longest step, so earlier k cannot reach t. */
  struct period step = period_is_set(c->contract) ? c->later_contract : c->billing;
  int64_t gap = ld_days(tl) - ld_days(e0);
  long k = k_min;
  if (gap > 0 && period_max_days(step) > 0) {
    k = k_min + (long)(gap / period_max_days(step)) - 1;
    if (k < k_min) {
      k = k_min;
    }
  }
  for (long guard = 0; guard < 100000; guard++, k++) {
    struct local_date e, deadline;
    if (end_date_k(c, x, k, &e) != 0) {
      return CAL_BAD_TERMS;
    }
    deadline = ld_add_period(e, notice_for(c, k), -1);
    instant_t dl;
    if (tz_midnight(tz, deadline, &dl) != 0 || tz_midnight(tz, e, &out->end_date) != 0) {
      return CAL_BAD_ZONE;
    }
    if (t <= dl) {
      out->next_possible_cancellation = dl;
      finish(tz, out);
      return CAL_OK;
    }
  }
  return CAL_BAD_TERMS;
}

/* Indefinite after E0: a cancellation received on local day D ends with the end of day D + notice, never before E0. */
static struct local_date indefinite_end_for(const struct contract_terms *c, struct local_date e0, struct local_date d)
{
  struct local_date e = ld_add_days(ld_add_period(d, c->later_cancellation, 1), 1);
  return ld_cmp(e, e0) < 0 ? e0 : e;
}

/* Indefinite after E0 (§ 309 Nr. 9 BGB): received on local day D, ends at the end of day D + notice (§§ 187, 188
 * BGB: the day of receipt does not count), never before E0. The deadline is the last instant of the last day that
 * maps to the same end (later than D where month-end clamping or E0 maps several days to one end). */
static enum cal_status indefinite_end(const struct contract_terms *c, const char *tz, struct local_date e0,
                                      instant_t t, struct cancellation_preview *out)
{
  struct local_date d;
  if (tz_local_date(tz, t, &d) != 0) {
    return CAL_BAD_ZONE;
  }
  struct local_date end = indefinite_end_for(c, e0, d), last = d;
  for (int guard = 0; guard < 5000; guard++) {
    struct local_date next = ld_add_days(last, 1);
    if (ld_cmp(indefinite_end_for(c, e0, next), end) != 0) {
      break;
    }
    last = next;
  }
  instant_t after_last;
  if (tz_midnight(tz, end, &out->end_date) != 0 || tz_midnight(tz, ld_add_days(last, 1), &after_last) != 0) {
    return CAL_BAD_ZONE;
  }
  out->next_possible_cancellation = after_last - 1;
  finish(tz, out);
  return CAL_OK;
}

static enum cal_status preview_at_depth(const struct contract_terms *c, const char *tz, instant_t start, instant_t t,
                                        struct cancellation_preview *out, int depth)
{
  struct anchor x;
  memset(out, 0, sizeof *out);
  enum cal_status st = make_anchor(c, tz, start, &x);
  if (st != CAL_OK) {
    return st;
  }
  if (period_is_set(c->trial) && t <= x.t_inst) {
    out->end_date = out->next_possible_cancellation = x.t_inst;
    out->in_trial = 1;
    finish(tz, out);
    return CAL_OK;
  }
  if (!period_is_set(c->contract)) {
    return first_reachable_end(c, tz, &x, 0, t, out);
  }
  struct local_date e0 = ld_add_period(x.t, c->contract, 1);
  instant_t e0_inst, d0_inst;
  if (tz_midnight(tz, e0, &e0_inst) != 0 ||
      tz_midnight(tz, ld_add_period(e0, c->cancellation, -1), &d0_inst) != 0) {
    return CAL_BAD_ZONE;
  }
  if (c->next_step == NEXT_END) {
    if (t >= e0_inst) {
      return CAL_ENDED;
    }
    out->end_date = e0_inst; /* ends at E0 anyway; the contract accepts a (redundant) cancellation until then */
    out->next_possible_cancellation = e0_inst - 1;
    finish(tz, out);
    return CAL_OK;
  }
  int indefinite = c->next_step == NEXT_RENEW && !period_is_set(c->later_contract);
  if (t <= d0_inst) {
    out->end_date = e0_inst;
    out->next_possible_cancellation = d0_inst;
    /* With a shorter later notice, cancellations after the E0 deadline may still reach E0 (never before E0):
     * then the deadline that matters is the last of those. */
    struct cancellation_preview after;
    if (indefinite && indefinite_end(c, tz, e0, d0_inst + 1, &after) == CAL_OK && after.end_date == e0_inst) {
      out->next_possible_cancellation = after.next_possible_cancellation;
    }
    finish(tz, out);
    return CAL_OK;
  }
  if (c->next_step == NEXT_CHANGE) {
    if (!c->next || depth > 8) {
      return CAL_BAD_TERMS;
    }
    struct contract_terms next = *c->next;
    next.trial.unit = PERIOD_NONE; /* the follow-up variant starts at E0, without a trial */
    next.trial.quantity = 0;
    return preview_at_depth(&next, tz, e0_inst, t, out, depth + 1);
  }
  if (indefinite) {
    return indefinite_end(c, tz, e0, t, out);
  }
  return first_reachable_end(c, tz, &x, 1, t, out);
}

enum cal_status calendar_cancellation_preview(const struct contract_terms *c, const char *tz, instant_t start,
                                              instant_t t, struct cancellation_preview *out)
{
  return preview_at_depth(c, tz, start, t, out, 0);
}

/* B_k as an instant: the term start for k = 0, else local midnight of T + k * billing. */
static enum cal_status billing_boundary(const struct contract_terms *c, const char *tz, const struct anchor *x,
                                        long k, instant_t *out)
{
  if (k == 0) {
    *out = x->t_inst;
    return CAL_OK;
  }
  return tz_midnight(tz, ld_add_period(x->t, c->billing, k), out) == 0 ? CAL_OK : CAL_BAD_ZONE;
}

static long first_k_at_or_after(const struct contract_terms *c, const char *tz, const struct anchor *x, instant_t t)
{
  struct local_date tl;
  if (tz_local_date(tz, t, &tl) != 0) {
    return 0;
  }
  int64_t gap = ld_days(tl) - ld_days(x->t);
  long k = gap > 0 ? (long)(gap / period_max_days(c->billing)) - 1 : 0;
  return k < 0 ? 0 : k;
}

enum cal_status calendar_next_billing(const struct contract_terms *c, const char *tz, instant_t start,
                                      enum payment_mode mode, instant_t end_date, instant_t t, instant_t *out)
{
  struct anchor x;
  enum cal_status st = make_anchor(c, tz, start, &x);
  if (st != CAL_OK) {
    return st;
  }
  if (!period_is_set(c->billing)) {
    return CAL_BAD_TERMS;
  }
  long k = first_k_at_or_after(c, tz, &x, t);
  if (mode == PAYMENT_POSTPAID && k == 0) {
    k = 1; /* postpaid bills at the end of each period, never at its start */
  }
  for (int guard = 0; guard < 100000; guard++, k++) {
    instant_t b;
    if ((st = billing_boundary(c, tz, &x, k, &b)) != CAL_OK) {
      return st;
    }
    if (b <= t) {
      continue;
    }
    if (end_date && b >= end_date) {
      if (mode == PAYMENT_POSTPAID && end_date > t) {
        *out = end_date; /* the final, possibly partial, period */
        return CAL_OK;
      }
      return CAL_ENDED;
    }
    *out = b;
    return CAL_OK;
  }
  return CAL_BAD_TERMS;
}

int calendar_billing_periods(const struct contract_terms *c, const char *tz, instant_t start, instant_t from,
                             instant_t to, struct billing_period *out, int max)
{
  struct anchor x;
  if (make_anchor(c, tz, start, &x) != CAL_OK || !period_is_set(c->billing) || to <= from) {
    return to <= from ? 0 : -1;
  }
  long k = first_k_at_or_after(c, tz, &x, from);
  int n = 0;
  for (int guard = 0; guard < 100000 && n < max; guard++, k++) {
    instant_t b0, b1;
    if (billing_boundary(c, tz, &x, k, &b0) != CAL_OK || billing_boundary(c, tz, &x, k + 1, &b1) != CAL_OK) {
      return -1;
    }
    if (b0 >= to) {
      break;
    }
    if (b1 > from) {
      out[n].from = b0;
      out[n].to = b1;
      n++;
    }
  }
  return n;
}

static int add_violation(struct terms_violation *out, int max, int n, const char *field, const char *code)
{
  if (n < max) {
    out[n].field = field;
    out[n].code = code;
  }
  return n + 1;
}

/* At most one month as notice, counted back from any date: months <= 1, weeks <= 4, days <= 28. */
static int at_most_one_month(struct period p)
{
  return !period_is_set(p) || (period_is_monthly(p) ? period_months(p) <= 1 : period_max_days(p) <= 28);
}

/* At most 24 months, from any anchor: months <= 24, else days <= 730 (two years are never shorter). */
static int at_most_24_months(struct period p)
{
  return period_is_monthly(p) ? period_months(p) <= 24 : period_max_days(p) <= 730;
}

int calendar_check_terms(const struct contract_terms *c, struct period fee, int is_consumer,
                         struct terms_violation *out, int max)
{
  int n = 0;
  if (!period_is_set(c->billing)) {
    n = add_violation(out, max, n, "billingPeriod", "required");
  } else if (period_is_set(fee) && !period_is_multiple_of(c->billing, fee)) {
    n = add_violation(out, max, n, "billingPeriod", "not_multiple_of_fee_period");
  }
  if (!period_is_set(c->contract)) {
    if (period_is_set(c->later_contract)) {
      n = add_violation(out, max, n, "laterContractPeriod", "requires_contract_period");
    }
    if (period_is_set(c->later_cancellation)) {
      n = add_violation(out, max, n, "laterCancellationPeriod", "requires_contract_period");
    }
    if (c->next_step != NEXT_RENEW) {
      n = add_violation(out, max, n, "afterFirstContractPeriodNextStep", "requires_contract_period");
    }
  }
  if (c->next_step == NEXT_CHANGE && !c->next) {
    n = add_violation(out, max, n, "nextPlanVariantId", "required");
  }
  if (is_consumer) {
    if (period_is_set(c->contract) && !at_most_24_months(c->contract)) {
      n = add_violation(out, max, n, "contractPeriod", "consumer_first_term_over_24_months");
    }
    if (c->next_step == NEXT_RENEW && period_is_set(c->contract) && period_is_set(c->later_contract)) {
      n = add_violation(out, max, n, "laterContractPeriod", "consumer_renewal_must_be_indefinite");
    }
    if (!at_most_one_month(c->cancellation)) {
      n = add_violation(out, max, n, "cancellationPeriod", "consumer_notice_over_one_month");
    }
    if (!at_most_one_month(c->later_cancellation)) {
      n = add_violation(out, max, n, "laterCancellationPeriod", "consumer_notice_over_one_month");
    }
  }
  return n;
}

/* pricing.h: price(cart, catalog view, tax decision, now) -> order preview (DESIGN §5): recurring and setup fee,
 * quantity and on/off components, metered prices as information, coupons, trial, VAT per rate, and the totals
 * due now and for the next period. Integer minor units only. Pure: no I/O, no globals. */
#ifndef PORTICO_PRICING_H
#define PORTICO_PRICING_H
#include <stddef.h>
#include "calendar.h"
#include "money.h"
#include "tax.h"

enum component_kind { COMPONENT_QUANTITY = 0, COMPONENT_ON_OFF, COMPONENT_METERED };
enum coupon_kind { COUPON_PERCENT = 0, COUPON_FIXED };
enum coupon_duration { COUPON_ONCE = 0, COUPON_PERIODS, COUPON_FOREVER };
#define COUPON_ON_RECURRING 1u
#define COUPON_ON_COMPONENTS 2u
#define COUPON_ON_SETUP 4u

#define PRICING_MAX_QUANTITY 1000000
#define PRICING_MAX_LINES 64
#define PRICING_MAX_ERRORS 16
#define PRICING_MAX_METERED 16

struct price_variant {
  const char *id;
  money_t recurring_fee;        /* per fee period */
  money_t setup_fee;
  struct period fee_period;
  struct period billing_period; /* a whole multiple of fee_period: fees are multiplied, never divided */
  struct period trial;
  enum payment_mode mode;
  enum tax_category tax;
};

struct price_component {
  const char *id;
  enum component_kind kind;
  money_t unit_price;           /* per unit and fee period; metered: per unit of usage */
  struct period fee_period;     /* unused for metered */
  long min_quantity;
  long max_quantity;            /* 0 = no limit */
  enum tax_category tax;
  const char *unit_name;        /* metered: "GB", "API call", ... */
};

struct price_coupon {
  const char *code;
  enum coupon_kind kind;
  int percent_bp;               /* 1..10000 (10000 = 100 %) */
  money_t amount;               /* fixed, in the document currency, per document */
  unsigned applies_to;          /* COUPON_ON_* bits */
  enum coupon_duration duration;
  int periods;                  /* COUPON_PERIODS: the first n billing periods */
  instant_t valid_from;         /* 0 = open */
  instant_t valid_until;        /* exclusive; 0 = open */
  long max_redemptions;         /* 0 = unlimited */
  long redemptions;
  const char *const *variant_ids; /* restriction; empty = every variant */
  size_t n_variant_ids;
  int active;
};

struct cart_line {
  const char *component_id;
  long quantity;
};

struct pricing_input {
  const struct price_variant *variant;
  const struct price_component *components; /* the components the variant offers */
  size_t n_components;
  const struct cart_line *cart;
  size_t n_cart;
  const char *coupon_code;       /* as entered, or NULL */
  const struct price_coupon *coupon; /* the coupon found for coupon_code, or NULL */
  const struct tax_decision *tax;
  instant_t now;
};

enum line_kind { LINE_RECURRING_FEE = 0, LINE_SETUP_FEE, LINE_COMPONENT, LINE_DISCOUNT };

struct price_line {
  enum line_kind kind;
  const char *ref;              /* variant id, component id or coupon code */
  long quantity;
  money_t unit_amount;          /* per unit for this document's period */
  money_t net;                  /* quantity * unit_amount; negative for discounts */
  enum tax_category tax;
  int rate_bp;
  int prorated;                 /* a credit or charge for part of a billing period (change orders) */
};

struct rate_total {
  int rate_bp;
  money_t net, vat;
};

struct price_document {
  struct price_line lines[PRICING_MAX_LINES];
  size_t n_lines;
  struct rate_total rates[3];
  size_t n_rates;
  money_t net, vat, gross;
};

struct metered_info {
  const char *component_id;
  money_t unit_price;
  const char *unit_name;
  int rate_bp;
};

struct pricing_error {
  char field[64];
  const char *code;
  const char *reason;           /* invalid_coupon: unknown, inactive, not_yet_valid, expired, exhausted, ... */
};

struct order_preview {
  struct price_document due_now;
  struct price_document next_period; /* the next regular invoice (after the trial, or the second period) */
  struct metered_info metered[PRICING_MAX_METERED];
  size_t n_metered;
  int has_trial;
  int coupon_applied;
  struct pricing_error errors[PRICING_MAX_ERRORS];
  size_t n_errors;
};

/* Prices the cart. Returns the number of errors (0: out is a complete preview). Every problem is reported, not
 * just the first. */
size_t pricing_price_cart(const struct pricing_input *in, struct order_preview *out);

/* A mid-period change: credits every line of the old regular period and charges every line of the new one, each
 * for remaining_days of period_days (net * remaining / period, rounded half away from zero), then VAT per rate on
 * the sum. out is overwritten. */
void pricing_prorate_change(const struct price_document *old_period, const struct price_document *new_period,
                            int64_t remaining_days, int64_t period_days, const struct tax_decision *tax,
                            struct price_document *out);

#endif

/* Unit tests of pricing.c and money.h: fees per billing period, setup fee, quantity/on-off/metered components and
 * their limits, VAT per rate on the sum of the lines with half-away-from-zero rounding, mixed rates, reverse
 * charge, every coupon kind and duration and every coupon refusal, trial and postpaid placement, proration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "pricing.h"

static const struct tax_decision DE = {TAX_DOMESTIC, "DE", {1900, 700, 0}, NULL};
static const struct tax_decision REVERSE = {TAX_REVERSE_CHARGE, "", {0, 0, 0}, "invoice.note.reverseCharge"};
static const instant_t NOW = 1796400000; /* 2026-12-04 */

static struct price_variant monthly(money_t fee)
{
  struct price_variant v = {"v1", fee, 0, {PERIOD_MONTH, 1}, {PERIOD_MONTH, 1}, {PERIOD_NONE, 0}, PAYMENT_PREPAID,
                            TAX_STANDARD};
  return v;
}

static struct pricing_input input(const struct price_variant *v)
{
  struct pricing_input in;
  memset(&in, 0, sizeof in);
  in.variant = v;
  in.tax = &DE;
  in.now = NOW;
  return in;
}

static struct order_preview out;

static size_t price(const struct pricing_input *in)
{
  return pricing_price_cart(in, &out);
}

static void assert_doc(const struct price_document *d, money_t net, money_t vat, money_t gross)
{
  if (d->net != net || d->vat != vat || d->gross != gross) {
    fail_msg("document net/vat/gross %ld/%ld/%ld, expected %ld/%ld/%ld", (long)d->net, (long)d->vat, (long)d->gross,
             (long)net, (long)vat, (long)gross);
  }
}

static int has_error(const char *field, const char *code, const char *reason)
{
  for (size_t i = 0; i < out.n_errors; i++) {
    if (strcmp(out.errors[i].field, field) == 0 && strcmp(out.errors[i].code, code) == 0 &&
        (!reason || (out.errors[i].reason && strcmp(out.errors[i].reason, reason) == 0))) {
      return 1;
    }
  }
  return 0;
}

static void test_monthly_fee_with_vat(void **state)
{
  struct price_variant v = monthly(1000);
  struct pricing_input in = input(&v);
  assert_int_equal(price(&in), 0);
  assert_doc(&out.due_now, 1000, 190, 1190);
  assert_doc(&out.next_period, 1000, 190, 1190);
  assert_int_equal(out.due_now.n_lines, 1);
  assert_int_equal(out.due_now.lines[0].kind, LINE_RECURRING_FEE);
}

static void test_yearly_billing_multiplies_the_monthly_fee(void **state)
{
  struct price_variant v = monthly(999);
  v.billing_period = (struct period){PERIOD_YEAR, 1};
  struct pricing_input in = input(&v);
  assert_int_equal(price(&in), 0);
  assert_doc(&out.due_now, 11988, 2278, 14266); /* 2277.72 -> 2278 */
  v.billing_period = (struct period){PERIOD_MONTH, 2};
  v.fee_period = (struct period){PERIOD_MONTH, 3};
  assert_int_equal(price(&in), 1);
  assert_true(has_error("cart.planVariantId", "billing_not_multiple_of_fee_period", NULL));
}

static void test_setup_fee_only_on_the_first_invoice(void **state)
{
  struct price_variant v = monthly(1000);
  v.setup_fee = 4900;
  struct pricing_input in = input(&v);
  assert_int_equal(price(&in), 0);
  assert_doc(&out.due_now, 5900, 1121, 7021);
  assert_doc(&out.next_period, 1000, 190, 1190);
}

static const struct price_component COMPONENTS[] = {
  {"seats", COMPONENT_QUANTITY, 250, {PERIOD_MONTH, 1}, 1, 50, TAX_STANDARD, "seat"},
  {"support", COMPONENT_ON_OFF, 1500, {PERIOD_MONTH, 1}, 0, 0, TAX_STANDARD, NULL},
  {"ebook", COMPONENT_ON_OFF, 1000, {PERIOD_MONTH, 1}, 0, 0, TAX_REDUCED, NULL},
  {"traffic", COMPONENT_METERED, 9, {PERIOD_NONE, 0}, 0, 0, TAX_STANDARD, "GB"},
};

static void test_components_quantities_and_metered_info(void **state)
{
  struct price_variant v = monthly(1000);
  struct cart_line cart[] = {{"seats", 3}, {"support", 1}};
  struct pricing_input in = input(&v);
  in.components = COMPONENTS;
  in.n_components = 4;
  in.cart = cart;
  in.n_cart = 2;
  assert_int_equal(price(&in), 0);
  assert_doc(&out.due_now, 1000 + 750 + 1500, 618, 3868); /* 3250 * 19 % = 617.5 -> 618 */
  assert_int_equal(out.n_metered, 1);
  assert_string_equal(out.metered[0].component_id, "traffic");
  assert_int_equal(out.metered[0].unit_price, 9);
  assert_int_equal(out.metered[0].rate_bp, 1900);
  in.n_cart = 0; /* seats default to their minimum of 1 */
  assert_int_equal(price(&in), 0);
  assert_doc(&out.due_now, 1250, 238, 1488);
}

static void test_component_errors_are_all_reported(void **state)
{
  struct price_variant v = monthly(1000);
  struct cart_line cart[] = {{"seats", 0}, {"support", 2}, {"traffic", 5}, {"nope", 1}, {"ebook", -1}};
  struct pricing_input in = input(&v);
  in.components = COMPONENTS;
  in.n_components = 4;
  in.cart = cart;
  in.n_cart = 5;
  assert_int_equal(price(&in), 5);
  assert_true(has_error("cart.components[0].quantity", "below_minimum", NULL));
  assert_true(has_error("cart.components[1].quantity", "must_be_0_or_1", NULL));
  assert_true(has_error("cart.components[2].componentId", "not_orderable", NULL));
  assert_true(has_error("cart.components[3].componentId", "unknown", NULL));
  assert_true(has_error("cart.components[4].quantity", "invalid", NULL));
  struct cart_line too_many[] = {{"seats", 51}, {"seats", 2}};
  in.cart = too_many;
  in.n_cart = 2;
  price(&in);
  assert_true(has_error("cart.components[0].quantity", "above_maximum", NULL));
  assert_true(has_error("cart.components[1].componentId", "duplicate", NULL));
}

static void test_vat_rounds_half_away_from_zero_once_per_rate(void **state)
{
  struct price_variant v = monthly(50); /* 50 * 19 % = 9.5 -> 10 */
  struct pricing_input in = input(&v);
  price(&in);
  assert_doc(&out.due_now, 50, 10, 60);
  v.recurring_fee = 150;
  v.tax = TAX_REDUCED; /* 150 * 7 % = 10.5 -> 11 */
  price(&in);
  assert_doc(&out.due_now, 150, 11, 161);
  v.recurring_fee = 149; /* 10.43 -> 10 */
  price(&in);
  assert_doc(&out.due_now, 149, 10, 159);
  assert_int_equal(money_apply_bp(-50, 1900), -10);
  assert_int_equal(money_apply_bp(-49, 1900), -9);
  /* three lines of 33: 6.27 each would round to 18 in total, the sum 99 gives 18.81 -> 19 */
  static const struct price_component three[] = {
    {"a", COMPONENT_ON_OFF, 33, {PERIOD_MONTH, 1}, 0, 0, TAX_STANDARD, NULL},
    {"b", COMPONENT_ON_OFF, 33, {PERIOD_MONTH, 1}, 0, 0, TAX_STANDARD, NULL},
    {"c", COMPONENT_ON_OFF, 33, {PERIOD_MONTH, 1}, 0, 0, TAX_STANDARD, NULL},
  };
  struct price_variant z = monthly(0);
  struct cart_line cart[] = {{"a", 1}, {"b", 1}, {"c", 1}};
  struct pricing_input in2 = input(&z);
  in2.components = three;
  in2.n_components = 3;
  in2.cart = cart;
  in2.n_cart = 3;
  assert_int_equal(price(&in2), 0);
  assert_doc(&out.due_now, 99, 19, 118);
}

static void test_mixed_rates_and_reverse_charge(void **state)
{
  struct price_variant v = monthly(1000);
  struct cart_line cart[] = {{"seats", 1}, {"ebook", 1}};
  struct pricing_input in = input(&v);
  in.components = COMPONENTS;
  in.n_components = 3;
  in.cart = cart;
  in.n_cart = 2;
  assert_int_equal(price(&in), 0);
  assert_int_equal(out.due_now.n_rates, 2);
  assert_int_equal(out.due_now.rates[0].rate_bp, 1900);
  assert_int_equal(out.due_now.rates[0].net, 1250);
  assert_int_equal(out.due_now.rates[0].vat, 238);
  assert_int_equal(out.due_now.rates[1].rate_bp, 700);
  assert_int_equal(out.due_now.rates[1].vat, 70);
  assert_doc(&out.due_now, 2250, 308, 2558);
  in.tax = &REVERSE;
  assert_int_equal(price(&in), 0);
  assert_int_equal(out.due_now.n_rates, 1);
  assert_doc(&out.due_now, 2250, 0, 2250);
}

static struct price_coupon coupon(enum coupon_kind kind, int bp, money_t amount, enum coupon_duration d, int n)
{
  struct price_coupon c;
  memset(&c, 0, sizeof c);
  c.code = "SAVE";
  c.kind = kind;
  c.percent_bp = bp;
  c.amount = amount;
  c.applies_to = COUPON_ON_RECURRING;
  c.duration = d;
  c.periods = n;
  c.active = 1;
  return c;
}

static void test_percent_coupon_forever(void **state)
{
  struct price_variant v = monthly(999);
  struct price_coupon c = coupon(COUPON_PERCENT, 1000, 0, COUPON_FOREVER, 0);
  struct pricing_input in = input(&v);
  in.coupon_code = "save";
  in.coupon = &c;
  assert_int_equal(price(&in), 0);
  assert_true(out.coupon_applied);
  assert_doc(&out.due_now, 899, 171, 1070); /* 99.9 -> 100 off; 899 * 19 % = 170.81 -> 171 */
  assert_doc(&out.next_period, 899, 171, 1070);
  assert_int_equal(out.due_now.lines[1].kind, LINE_DISCOUNT);
  assert_int_equal(out.due_now.lines[1].net, -100);
}

static void test_fixed_coupon_once_and_capped(void **state)
{
  struct price_variant v = monthly(1000);
  struct price_coupon c = coupon(COUPON_FIXED, 0, 500, COUPON_ONCE, 0);
  struct pricing_input in = input(&v);
  in.coupon_code = "SAVE";
  in.coupon = &c;
  price(&in);
  assert_doc(&out.due_now, 500, 95, 595);
  assert_doc(&out.next_period, 1000, 190, 1190);
  c.amount = 5000; /* never more than what it covers */
  price(&in);
  assert_doc(&out.due_now, 0, 0, 0);
}

static void test_coupon_for_n_periods(void **state)
{
  struct price_variant v = monthly(1000);
  struct price_coupon c = coupon(COUPON_PERCENT, 5000, 0, COUPON_PERIODS, 1);
  struct pricing_input in = input(&v);
  in.coupon_code = "SAVE";
  in.coupon = &c;
  price(&in);
  assert_doc(&out.due_now, 500, 95, 595);
  assert_doc(&out.next_period, 1000, 190, 1190);
  c.periods = 2;
  price(&in);
  assert_doc(&out.next_period, 500, 95, 595);
}

static void test_fixed_coupon_split_across_rates(void **state)
{
  struct price_variant v = monthly(1000);
  struct cart_line cart[] = {{"seats", 1}, {"ebook", 1}};
  struct price_coupon c = coupon(COUPON_FIXED, 0, 300, COUPON_FOREVER, 0);
  c.applies_to = COUPON_ON_RECURRING | COUPON_ON_COMPONENTS;
  struct pricing_input in = input(&v);
  in.components = COMPONENTS;
  in.n_components = 3;
  in.cart = cart;
  in.n_cart = 2;
  in.coupon_code = "SAVE";
  in.coupon = &c;
  assert_int_equal(price(&in), 0);
  /* standard 1250, reduced 1000: 300 * 1250 / 2250 = 166.67 -> 167 standard, the rest 133 reduced */
  assert_int_equal(out.due_now.rates[0].net, 1250 - 167);
  assert_int_equal(out.due_now.rates[1].net, 1000 - 133);
  assert_doc(&out.due_now, 1950, 206 + 61, 1950 + 267); /* 1083*19% = 205.77 -> 206; 867*7% = 60.69 -> 61 */
}

static void test_setup_fee_coupon(void **state)
{
  struct price_variant v = monthly(1000);
  v.setup_fee = 2000;
  struct price_coupon c = coupon(COUPON_PERCENT, 10000, 0, COUPON_ONCE, 0);
  c.applies_to = COUPON_ON_SETUP;
  struct pricing_input in = input(&v);
  in.coupon_code = "SAVE";
  in.coupon = &c;
  price(&in);
  assert_doc(&out.due_now, 1000, 190, 1190);
}

static void test_coupon_refusals_name_the_reason(void **state)
{
  struct price_variant v = monthly(1000);
  struct pricing_input in = input(&v);
  in.coupon_code = "NOPE";
  in.coupon = NULL;
  assert_int_equal(price(&in), 1);
  assert_true(has_error("cart.couponCode", "invalid_coupon", "unknown"));
  struct price_coupon c = coupon(COUPON_PERCENT, 1000, 0, COUPON_ONCE, 0);
  in.coupon = &c;
  c.active = 0;
  price(&in);
  assert_true(has_error("cart.couponCode", "invalid_coupon", "inactive"));
  c.active = 1;
  c.valid_from = NOW + 1;
  price(&in);
  assert_true(has_error("cart.couponCode", "invalid_coupon", "not_yet_valid"));
  c.valid_from = NOW;
  c.valid_until = NOW; /* the end is exclusive */
  price(&in);
  assert_true(has_error("cart.couponCode", "invalid_coupon", "expired"));
  c.valid_until = NOW + 1;
  c.max_redemptions = 10;
  c.redemptions = 10;
  price(&in);
  assert_true(has_error("cart.couponCode", "invalid_coupon", "exhausted"));
  c.redemptions = 9;
  static const char *const only[] = {"v2", "v3"};
  c.variant_ids = only;
  c.n_variant_ids = 2;
  price(&in);
  assert_true(has_error("cart.couponCode", "invalid_coupon", "not_for_this_plan"));
  static const char *const mine[] = {"v2", "v1"};
  c.variant_ids = mine;
  assert_int_equal(price(&in), 0);
  assert_true(out.coupon_applied);
}

static void test_trial_defers_everything(void **state)
{
  struct price_variant v = monthly(1000);
  v.setup_fee = 500;
  v.trial = (struct period){PERIOD_DAY, 14};
  struct price_coupon c = coupon(COUPON_FIXED, 0, 200, COUPON_ONCE, 0);
  struct pricing_input in = input(&v);
  in.coupon_code = "SAVE";
  in.coupon = &c;
  assert_int_equal(price(&in), 0);
  assert_true(out.has_trial);
  assert_doc(&out.due_now, 0, 0, 0);
  assert_int_equal(out.due_now.n_lines, 0);
  assert_doc(&out.next_period, 1300, 247, 1547); /* the once-coupon waits for the first paid invoice */
}

static void test_postpaid_bills_the_period_at_its_end(void **state)
{
  struct price_variant v = monthly(1000);
  v.mode = PAYMENT_POSTPAID;
  v.setup_fee = 500;
  struct pricing_input in = input(&v);
  assert_int_equal(price(&in), 0);
  assert_doc(&out.due_now, 500, 95, 595);
  assert_doc(&out.next_period, 1000, 190, 1190);
}

static void test_overflow_is_refused(void **state)
{
  static const struct price_component big[] = {
    {"big", COMPONENT_QUANTITY, MONEY_MAX, {PERIOD_MONTH, 1}, 0, 0, TAX_STANDARD, NULL},
  };
  struct price_variant v = monthly(1000);
  v.billing_period = (struct period){PERIOD_YEAR, 1};
  struct cart_line cart[] = {{"big", 1000000}};
  struct pricing_input in = input(&v);
  in.components = big;
  in.n_components = 1;
  in.cart = cart;
  in.n_cart = 1;
  assert_int_equal(price(&in), 1);
  assert_true(has_error("cart.components", "amount_too_large", NULL));
  v.recurring_fee = -1;
  assert_int_equal(price(&in), 1);
  assert_true(has_error("cart.planVariantId", "invalid_amount", NULL));
}

static void test_proration(void **state)
{
  assert_int_equal(money_prorate(3100, 15, 31), 1500);
  assert_int_equal(money_prorate(1000, 1, 3), 333);
  assert_int_equal(money_prorate(1000, 2, 3), 667);
  assert_int_equal(money_prorate(5, 1, 2), 3);   /* 2.5 -> 3 */
  assert_int_equal(money_prorate(-5, 1, 2), -3); /* -2.5 -> -3 */
  assert_int_equal(money_prorate(-1000, 1, 2), -500);
  assert_int_equal(money_prorate(1000, 0, 30), 0);
  assert_int_equal(money_prorate(1000, 30, 30), 1000);
  assert_int_equal(money_prorate(1000, 5, 0), 0);
  assert_int_equal(money_prorate(MONEY_MAX, 365, 366), money_div_round((__int128)MONEY_MAX * 365, 366));
}

static void test_mid_period_change_prorates_each_line(void **state)
{
  /* old: fee 1000 + 1 seat 250; new: fee 1000 + 5 seats 1250; 21 of 31 days left */
  struct price_document old_p, new_p, d;
  memset(&old_p, 0, sizeof old_p);
  memset(&new_p, 0, sizeof new_p);
  old_p.lines[0] = (struct price_line){LINE_RECURRING_FEE, "v1", 1, 1000, 1000, TAX_STANDARD, 0, 0};
  old_p.lines[1] = (struct price_line){LINE_COMPONENT, "seats", 1, 250, 250, TAX_STANDARD, 0, 0};
  old_p.n_lines = 2;
  new_p.lines[0] = (struct price_line){LINE_RECURRING_FEE, "v2", 1, 1000, 1000, TAX_STANDARD, 0, 0};
  new_p.lines[1] = (struct price_line){LINE_COMPONENT, "seats", 5, 250, 1250, TAX_STANDARD, 0, 0};
  new_p.n_lines = 2;
  pricing_prorate_change(&old_p, &new_p, 21, 31, &DE, &d);
  assert_int_equal(d.n_lines, 4);
  assert_int_equal(d.lines[0].net, -677); /* 1000 * 21 / 31 = 677.42 */
  assert_int_equal(d.lines[1].net, -169); /* 250 * 21 / 31 = 169.35 */
  assert_int_equal(d.lines[2].net, 677);
  assert_int_equal(d.lines[3].net, 847);  /* 1250 * 21 / 31 = 846.77 */
  assert_true(d.lines[3].prorated);
  assert_doc(&d, 678, 129, 807);         /* 678 * 19 % = 128.82 */
  pricing_prorate_change(&new_p, &old_p, 21, 31, &DE, &d); /* the downgrade back is the exact opposite */
  assert_doc(&d, -678, -129, -807);
  pricing_prorate_change(&old_p, &new_p, 0, 31, &DE, &d);   /* a change on the period's end day costs nothing */
  assert_int_equal(d.n_lines, 0);
  assert_doc(&d, 0, 0, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_monthly_fee_with_vat),
    cmocka_unit_test(test_yearly_billing_multiplies_the_monthly_fee),
    cmocka_unit_test(test_setup_fee_only_on_the_first_invoice),
    cmocka_unit_test(test_components_quantities_and_metered_info),
    cmocka_unit_test(test_component_errors_are_all_reported),
    cmocka_unit_test(test_vat_rounds_half_away_from_zero_once_per_rate),
    cmocka_unit_test(test_mixed_rates_and_reverse_charge),
    cmocka_unit_test(test_percent_coupon_forever),
    cmocka_unit_test(test_fixed_coupon_once_and_capped),
    cmocka_unit_test(test_coupon_for_n_periods),
    cmocka_unit_test(test_fixed_coupon_split_across_rates),
    cmocka_unit_test(test_setup_fee_coupon),
    cmocka_unit_test(test_coupon_refusals_name_the_reason),
    cmocka_unit_test(test_trial_defers_everything),
    cmocka_unit_test(test_postpaid_bills_the_period_at_its_end),
    cmocka_unit_test(test_overflow_is_refused),
    cmocka_unit_test(test_proration),
    cmocka_unit_test(test_mid_period_change_prorates_each_line),
  };
  return cmocka_run_group_tests_name("pricing", tests, NULL, NULL);
}

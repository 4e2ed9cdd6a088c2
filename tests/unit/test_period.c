/* Unit tests of period.c: date arithmetic from an anchor in one step with month-end clamping (§ 188 Abs. 3 BGB),
 * negative periods (notice), parsing. The generated family checks every month-end anchor against an independent
 * oracle (month by month, clamped once at the end) for 24 months in ordinary, leap and century years. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "period.h"

static struct local_date D(const char *s)
{
  struct local_date d;
  if (ld_parse(s, &d) != 0) {
    fail_msg("bad date in table: %s", s);
  }
  return d;
}

static struct period P(const char *s)
{
  struct period p;
  if (period_parse(s, &p) != 0) {
    fail_msg("bad period in table: %s", s);
  }
  return p;
}

struct add_case {
  const char *from;
  const char *period;
  long k;
  const char *expect;
};

/* The table reads as the rule: anchor + k * period = date. */
static const struct add_case ADD[] = {
  {"2026-01-31", "P1M", 1, "2026-02-28"},  {"2026-01-31", "P1M", 2, "2026-03-31"},
  {"2026-01-31", "P1M", 3, "2026-04-30"},  {"2024-01-31", "P1M", 1, "2024-02-29"},
  {"2024-02-29", "P1Y", 1, "2025-02-28"},  {"2024-02-29", "P1Y", 4, "2028-02-29"},
  {"2024-02-29", "P12M", 2, "2026-02-28"}, {"2026-03-31", "P1M", -1, "2026-02-28"},
  {"2026-05-31", "P3M", -1, "2026-02-28"}, {"2024-05-31", "P3M", -1, "2024-02-29"},
  {"2026-03-31", "P6M", 1, "2026-09-30"},  {"2026-08-31", "P6M", 1, "2027-02-28"},
  {"2026-12-31", "P1M", 1, "2027-01-31"},  {"2026-12-15", "P1M", 1, "2027-01-15"},
  {"2026-01-01", "P1M", -1, "2025-12-01"}, {"2026-01-15", "P14D", 1, "2026-01-29"},
  {"2026-02-20", "P14D", 1, "2026-03-06"}, {"2024-02-20", "P14D", 1, "2024-03-05"},
  {"2026-03-31", "P14D", -1, "2026-03-17"},{"2026-01-01", "P1W", 1, "2026-01-08"},
  {"2026-12-29", "P1W", 1, "2027-01-05"},  {"2026-01-01", "P2W", 26, "2026-12-31"},
  {"2026-01-01", "P1D", 365, "2027-01-01"},{"2024-01-01", "P1D", 365, "2024-12-31"},
  {"2026-10-25", "P1D", 1, "2026-10-26"},  {"2026-03-29", "P1D", -1, "2026-03-28"},
  {"2099-02-28", "P1Y", 1, "2100-02-28"},  {"2100-01-31", "P1M", 1, "2100-02-28"},
  {"2000-01-31", "P1M", 1, "2000-02-29"},  {"1999-12-31", "P2M", 1, "2000-02-29"},
  {"2026-07-31", "P1M", 1, "2026-08-31"},  {"2026-08-31", "P1M", 1, "2026-09-30"},
  {"2026-10-31", "P1M", 1, "2026-11-30"},  {"2026-01-30", "P1M", 1, "2026-02-28"},
  {"2026-01-29", "P1M", 1, "2026-02-28"},  {"2024-01-29", "P1M", 1, "2024-02-29"},
  {"2026-01-28", "P1M", 1, "2026-02-28"},  {"2026-02-28", "P1M", 1, "2026-03-28"},
  {"2026-01-15", "P12M", 1, "2027-01-15"}, {"2026-01-15", "P24M", 1, "2028-01-15"},
  {"2026-06-30", "P2Y", 1, "2028-06-30"},  {"2026-01-31", "P1M", 13, "2027-02-28"},
  {"2026-01-31", "P1M", 25, "2028-02-29"}, {"2026-01-31", "P1M", 0, "2026-01-31"},
  {"2026-03-31", "P1M", -13, "2025-02-28"},{"2026-01-10", "P3M", 1, "2026-04-10"},
  {"2026-11-30", "P3M", 1, "2027-02-28"},  {"2027-11-30", "P3M", 1, "2028-02-29"},
};

static void test_add_period_table(void **state)
{
  for (size_t i = 0; i < sizeof ADD / sizeof ADD[0]; i++) {
    struct local_date got = ld_add_period(D(ADD[i].from), P(ADD[i].period), ADD[i].k);
    char buf[16];
    ld_format(got, buf, sizeof buf);
    if (strcmp(buf, ADD[i].expect) != 0) {
      fail_msg("%s + %ld * %s = %s, expected %s", ADD[i].from, ADD[i].k, ADD[i].period, buf, ADD[i].expect);
    }
  }
}

static int oracle_dim(int y, int m)
{
  static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 ? 28 + leap : n[m - 1];
}

/* Every anchor on days 28..31 of every month of four kinds of year, + k months for k = 1..24, against an oracle
 * that walks month by month and clamps once: 166 month-end anchors x 24 = 3984 cases. */
static void test_month_end_family_against_oracle(void **state)
{
  static const int years[] = {2023, 2024, 2100, 2000};
  int cases = 0;
  for (size_t yi = 0; yi < 4; yi++) {
    for (int m = 1; m <= 12; m++) {
      for (int d = 28; d <= oracle_dim(years[yi], m); d++) {
        struct local_date a = {years[yi], m, d};
        for (int k = 1; k <= 24; k++) {
          int y = a.y, mm = a.m;
          for (int i = 0; i < k; i++) {
            if (++mm > 12) {
              mm = 1;
              y++;
            }
          }
          struct local_date want = {y, mm, d < oracle_dim(y, mm) ? d : oracle_dim(y, mm)};
          struct period p = {PERIOD_MONTH, k};
          struct local_date got = ld_add_period(a, p, 1);
          struct period one = {PERIOD_MONTH, 1};
          struct local_date stepped = ld_add_period(a, one, k);
          if (ld_cmp(got, want) != 0 || ld_cmp(stepped, want) != 0) {
            fail_msg("%04d-%02d-%02d + %d months: got %04d-%02d-%02d, want %04d-%02d-%02d", a.y, a.m, a.d, k, got.y,
                     got.m, got.d, want.y, want.m, want.d);
          }
          cases++;
        }
      }
    }
  }
  assert_int_equal(cases, 3984);
}

/* Subtracting notice from every month end (the deadline rule): E - n months clamps like addition. */
static void test_notice_subtraction_from_month_ends(void **state)
{
  for (int y = 2023; y <= 2025; y++) {
    for (int m = 1; m <= 12; m++) {
      struct local_date e = {y, m, oracle_dim(y, m)};
      for (int n = 1; n <= 6; n++) {
        struct period p = {PERIOD_MONTH, n};
        struct local_date got = ld_add_period(e, p, -1);
        int wy = y, wm = m - n;
        while (wm < 1) {
          wm += 12;
          wy--;
        }
        int wd = e.d < oracle_dim(wy, wm) ? e.d : oracle_dim(wy, wm);
        if (got.y != wy || got.m != wm || got.d != wd) {
          fail_msg("%04d-%02d-%02d - %d months = %04d-%02d-%02d", y, m, e.d, n, got.y, got.m, got.d);
        }
      }
    }
  }
}

static void test_days_round_trip_over_five_centuries(void **state)
{
  struct local_date d = {1900, 1, 1};
  int64_t start = ld_days(d);
  for (int64_t i = 0; i < 200000; i += 7) {
    struct local_date x = ld_from_days(start + i);
    assert_true(ld_valid(x));
    assert_int_equal(ld_days(x), start + i);
  }
  assert_int_equal(ld_days(D("1970-01-01")), 0);
  assert_int_equal(ld_days(D("2026-12-04")), 20791);
}

static void test_period_parse(void **state)
{
  struct period p;
  static const struct { const char *s; enum period_unit u; int q; } ok[] = {
    {"P1D", PERIOD_DAY, 1}, {"P14D", PERIOD_DAY, 14}, {"P2W", PERIOD_WEEK, 2}, {"P1M", PERIOD_MONTH, 1},
    {"P12M", PERIOD_MONTH, 12}, {"P1Y", PERIOD_YEAR, 1}, {"P3660D", PERIOD_DAY, 3660}, {"P10Y", PERIOD_YEAR, 10},
    {"P120M", PERIOD_MONTH, 120}, {"P520W", PERIOD_WEEK, 520}, {"", PERIOD_NONE, 0},
    {"null", PERIOD_NONE, 0},
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    assert_int_equal(period_parse(ok[i].s, &p), 0);
    assert_int_equal(p.unit, ok[i].u);
    assert_int_equal(p.quantity, ok[i].q);
  }
  static const char *bad[] = {"P", "P0M", "P-1M", "1M", "P1", "P1X", "P1MM", "P01M", "P3661D", "P99999999999M",
                              "p1m", "P1M ", " P1M", "PT1H", "P1Y2M", "P11Y", "P121M", "P521W", "P2224Y"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    if (period_parse(bad[i], &p) == 0) {
      fail_msg("accepted period '%s'", bad[i]);
    }
  }
  assert_int_equal(period_parse(NULL, &p), -1);
}

static void test_period_from_parts_and_multiples(void **state)
{
  struct period p;
  assert_int_equal(period_from_parts("month", 3, &p), 0);
  assert_int_equal(p.unit, PERIOD_MONTH);
  assert_int_equal(period_from_parts("months", 3, &p), -1);
  assert_int_equal(period_from_parts("day", 0, &p), -1);
  assert_int_equal(period_from_parts("year", 11, &p), -1);
  assert_int_equal(period_from_parts("year", 10, &p), 0);
  assert_int_equal(period_from_parts("month", 121, &p), -1);
  assert_int_equal(period_from_parts("day", 3660, &p), 0);
  assert_int_equal(period_from_parts(NULL, 1, &p), -1);
  assert_true(period_is_multiple_of(P("P1Y"), P("P1M")));
  assert_true(period_is_multiple_of(P("P12M"), P("P3M")));
  assert_true(period_is_multiple_of(P("P3M"), P("P3M")));
  assert_false(period_is_multiple_of(P("P3M"), P("P2M")));
  assert_true(period_is_multiple_of(P("P2W"), P("P7D")));
  assert_false(period_is_multiple_of(P("P1M"), P("P7D"))); /* months are no whole number of days */
  assert_false(period_is_multiple_of(P("P30D"), P("P1M")));
  assert_false(period_is_multiple_of(P(""), P("P1M")));
}

static void test_ld_parse_rejects_bad_dates(void **state)
{
  struct local_date d;
  static const char *bad[] = {"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-01-01", "2026/01/01",
                              "2026-1-01", "1899-12-31", "3000-01-01", "9999-12-31", "2026-01-01T00:00:00Z", "", "abcd-ef-gh"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    if (ld_parse(bad[i], &d) == 0) {
      fail_msg("accepted date '%s'", bad[i]);
    }
  }
  assert_int_equal(ld_parse("2024-02-29", &d), 0);
  assert_int_equal(ld_parse("2000-02-29", &d), 0);
  assert_int_equal(ld_parse("2100-02-29", &d), -1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_add_period_table),
    cmocka_unit_test(test_month_end_family_against_oracle),
    cmocka_unit_test(test_notice_subtraction_from_month_ends),
    cmocka_unit_test(test_days_round_trip_over_five_centuries),
    cmocka_unit_test(test_period_parse),
    cmocka_unit_test(test_period_from_parts_and_multiples),
    cmocka_unit_test(test_ld_parse_rejects_bad_dates),
  };
  return cmocka_run_group_tests_name("period", tests, NULL, NULL);
}

/* Unit tests of tz.c and rfc3339.c: local midnights as absolute UTC instants across DST switches in several
 * zones, local dates of instants around midnight, unknown zones refused, RFC 3339 parsing and formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "rfc3339.h"
#include "tz.h"

static instant_t I(const char *s)
{
  instant_t t;
  if (rfc3339_parse(s, &t) != 0) {
    fail_msg("bad instant in table: %s", s);
  }
  return t;
}

struct midnight_case {
  const char *zone;
  const char *date;
  const char *utc;
};

static const struct midnight_case MIDNIGHTS[] = {
  {"Europe/Berlin", "2026-01-15", "2026-01-14T23:00:00Z"},
  {"Europe/Berlin", "2026-03-28", "2026-03-27T23:00:00Z"},
  {"Europe/Berlin", "2026-03-29", "2026-03-28T23:00:00Z"}, /* DST starts at 02:00 that day: midnight still CET */
  {"Europe/Berlin", "2026-03-30", "2026-03-29T22:00:00Z"}, /* first CEST midnight: the day had 23 hours */
  {"Europe/Berlin", "2026-10-25", "2026-10-24T22:00:00Z"}, /* DST ends: this day has 25 hours */
  {"Europe/Berlin", "2026-10-26", "2026-10-25T23:00:00Z"},
  {"Europe/Berlin", "2024-02-29", "2024-02-28T23:00:00Z"},
  {"Europe/Berlin", "2027-03-28", "2027-03-27T23:00:00Z"},
  {"Europe/Berlin", "2027-03-29", "2027-03-28T22:00:00Z"},
  {"Europe/Lisbon", "2026-07-01", "2026-06-30T23:00:00Z"},
  {"Europe/Helsinki", "2026-01-01", "2025-12-31T22:00:00Z"},
  {"America/New_York", "2026-03-08", "2026-03-08T05:00:00Z"},
  {"America/New_York", "2026-03-09", "2026-03-09T04:00:00Z"},
  {"Asia/Kolkata", "2026-01-01", "2025-12-31T18:30:00Z"},
  {"Pacific/Auckland", "2026-04-05", "2026-04-04T11:00:00Z"},
  {"Pacific/Auckland", "2026-04-06", "2026-04-05T12:00:00Z"},
  {"UTC", "2026-06-01", "2026-06-01T00:00:00Z"},
  /* Midnight does not exist here (DST began at 00:00 on 2018-11-04): the first valid time, 01:00 -02. */
  {"America/Sao_Paulo", "2018-11-04", "2018-11-04T03:00:00Z"},
};

static void test_midnights_are_absolute_instants(void **state)
{
  for (size_t i = 0; i < sizeof MIDNIGHTS / sizeof MIDNIGHTS[0]; i++) {
    struct local_date d;
    instant_t t;
    assert_int_equal(ld_parse(MIDNIGHTS[i].date, &d), 0);
    assert_int_equal(tz_midnight(MIDNIGHTS[i].zone, d, &t), 0);
    char buf[32];
    if (t != I(MIDNIGHTS[i].utc)) {
      fail_msg("%s %s midnight = %s, expected %s", MIDNIGHTS[i].zone, MIDNIGHTS[i].date,
               rfc3339_format(t, buf, sizeof buf), MIDNIGHTS[i].utc);
    }
  }
  struct local_date d = {2026, 3, 29};
  instant_t t;
  assert_int_equal(tz_midnight("Europe/Berlin", d, &t), 0);
  assert_int_equal(t, 1774738800); /* measured in STACK.md */
}

struct local_case {
  const char *zone;
  const char *utc;
  const char *date;
};

static const struct local_case LOCALS[] = {
  {"Europe/Berlin", "2026-01-31T22:30:00Z", "2026-01-31"}, /* 23:30 local: still the 31st */
  {"Europe/Berlin", "2026-01-31T23:00:00Z", "2026-02-01"},
  {"Europe/Berlin", "2026-01-31T22:59:59Z", "2026-01-31"},
  {"Europe/Berlin", "2026-03-28T23:30:00Z", "2026-03-29"},
  {"Europe/Berlin", "2026-06-30T21:59:59Z", "2026-06-30"},
  {"Europe/Berlin", "2026-06-30T22:00:00Z", "2026-07-01"},
  {"Europe/Berlin", "2026-10-25T00:30:00Z", "2026-10-25"}, /* the repeated hour */
  {"Europe/Berlin", "2026-12-31T23:00:00Z", "2027-01-01"},
  {"America/New_York", "2026-01-01T04:59:59Z", "2025-12-31"},
  {"Asia/Kolkata", "2025-12-31T18:30:00Z", "2026-01-01"},
  {"UTC", "2026-01-01T00:00:00Z", "2026-01-01"},
};

static void test_local_dates_of_instants(void **state)
{
  for (size_t i = 0; i < sizeof LOCALS / sizeof LOCALS[0]; i++) {
    struct local_date d;
    char buf[16];
    assert_int_equal(tz_local_date(LOCALS[i].zone, I(LOCALS[i].utc), &d), 0);
    ld_format(d, buf, sizeof buf);
    if (strcmp(buf, LOCALS[i].date) != 0) {
      fail_msg("%s at %s is %s, expected %s", LOCALS[i].zone, LOCALS[i].utc, buf, LOCALS[i].date);
    }
  }
}

static void test_every_berlin_midnight_of_three_years_round_trips(void **state)
{
  struct local_date d = {2025, 1, 1};
  instant_t prev = 0;
  for (int i = 0; i < 3 * 366; i++) {
    instant_t t;
    struct local_date back;
    assert_int_equal(tz_midnight("Europe/Berlin", d, &t), 0);
    assert_int_equal(tz_local_date("Europe/Berlin", t, &back), 0);
    assert_int_equal(ld_cmp(back, d), 0);
    assert_int_equal(tz_local_date("Europe/Berlin", t - 1, &back), 0);
    assert_int_equal(ld_cmp(back, ld_add_days(d, -1)), 0);
    if (prev) {
      int64_t len = t - prev;
      assert_true(len == 86400 || len == 82800 || len == 90000); /* 24, 23 or 25 hours */
    }
    prev = t;
    d = ld_add_days(d, 1);
  }
}

static void test_unknown_zones_are_refused(void **state)
{
  struct local_date d = {2026, 1, 1};
  instant_t t;
  assert_false(tz_is_valid("Mars/Olympus_Mons"));
  assert_false(tz_is_valid(""));
  assert_false(tz_is_valid(NULL));
  assert_false(tz_is_valid("Europe/Berlin; DROP TABLE"));
  assert_int_equal(tz_midnight("Nowhere/City", d, &t), -1);
  assert_int_equal(tz_local_date("Nowhere/City", 0, &d), -1);
  assert_true(tz_is_valid("Europe/Berlin"));
  assert_true(tz_is_valid("UTC"));
}

static void test_rfc3339(void **state)
{
  instant_t t;
  assert_int_equal(rfc3339_parse("2026-03-01T23:00:00Z", &t), 0);
  assert_int_equal(t, 1772406000);
  assert_int_equal(rfc3339_parse("2026-03-02T00:00:00+01:00", &t), 0);
  assert_int_equal(t, 1772406000);
  assert_int_equal(rfc3339_parse("2026-03-01T18:00:00.123-05:00", &t), 0);
  assert_int_equal(t, 1772406000);
  assert_int_equal(rfc3339_parse("1970-01-01T00:00:00Z", &t), 0);
  assert_int_equal(t, 0);
  static const char *bad[] = {"2026-03-01", "2026-03-01T23:00:00", "2026-02-30T00:00:00Z", "2026-03-01T24:00:00Z",
                              "2026-03-01T23:00:00+1:00", "2026-03-01 23:00:00Z", "2026-03-01T23:00:00ZZ",
                              "2026-03-01T23:00:00.Z", "x", "", "2026-03-01T23:00:60Z"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    if (rfc3339_parse(bad[i], &t) == 0) {
      fail_msg("accepted instant '%s'", bad[i]);
    }
  }
  char buf[32];
  assert_string_equal(rfc3339_format(1772406000, buf, sizeof buf), "2026-03-01T23:00:00Z");
  assert_string_equal(rfc3339_format(-1, buf, sizeof buf), "1969-12-31T23:59:59Z");
  assert_string_equal(rfc3339_format(4102444800LL, buf, sizeof buf), "2100-01-01T00:00:00Z");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_midnights_are_absolute_instants),
    cmocka_unit_test(test_local_dates_of_instants),
    cmocka_unit_test(test_every_berlin_midnight_of_three_years_round_trips),
    cmocka_unit_test(test_unknown_zones_are_refused),
    cmocka_unit_test(test_rfc3339),
  };
  return cmocka_run_group_tests_name("tz", tests, NULL, NULL);
}

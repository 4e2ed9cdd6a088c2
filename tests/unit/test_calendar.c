/* Unit tests of calendar.c in Europe/Berlin: a table of cancellation previews for every variant shape (fixed
 * renewals, no term, consumer indefinite renewal, trial, next step end/change, weeks across DST, 23:30 starts),
 * billing dates, the § 309 BGB term checks, and property checks over a generated range of cancellation instants:
 *   t <= nextPossibleCancellationDate; the end is a local midnight after t; the end never moves earlier as t grows;
 *   a cancellation at nextPossibleCancellationDate still reaches the same end and one second later does not;
 *   lastServiceDay is the local date of end - 1 s; the end is the trial end, a term end E_k, or exactly the
 *   indefinite-term end max(E0, end of day D + notice).
 * Instants in the table are Berlin local "YYYY-MM-DD[ HH:MM:SS]" unless they end in Z. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "calendar.h"
#include "tz.h"

static const char *TZ = "Europe/Berlin";

static instant_t L(const char *s)
{
  instant_t t;
  if (s[strlen(s) - 1] == 'Z') {
    if (rfc3339_parse(s, &t) != 0) {
      fail_msg("bad instant %s", s);
    }
    return t;
  }
  struct local_date d;
  char date[11];
  snprintf(date, sizeof date, "%.10s", s);
  if (ld_parse(date, &d) != 0 || tz_midnight(TZ, d, &t) != 0) {
    fail_msg("bad local instant %s", s);
  }
  int h = 0, m = 0, sec = 0;
  if (strlen(s) > 10 && sscanf(s + 11, "%d:%d:%d", &h, &m, &sec) != 3) {
    fail_msg("bad time in %s", s);
  }
  return t + h * 3600 + m * 60 + sec; /* table rows avoid times on DST switch days */
}

/* "contract=P12M later=P12M notice=P3M later_notice=P3M billing=P1M trial=P14D next=renew|end|change" */
static struct contract_terms T(const char *spec)
{
  struct contract_terms c;
  memset(&c, 0, sizeof c);
  char buf[256];
  snprintf(buf, sizeof buf, "%s", spec);
  for (char *save = NULL, *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
    char *eq = strchr(tok, '=');
    *eq = '\0';
    const char *k = tok, *v = eq + 1;
    struct period *p = strcmp(k, "contract") == 0     ? &c.contract
                       : strcmp(k, "later") == 0      ? &c.later_contract
                       : strcmp(k, "notice") == 0     ? &c.cancellation
                       : strcmp(k, "later_notice") == 0 ? &c.later_cancellation
                       : strcmp(k, "billing") == 0    ? &c.billing
                       : strcmp(k, "trial") == 0      ? &c.trial
                                                      : NULL;
    if (p) {
      if (period_parse(v, p) != 0) {
        fail_msg("bad period %s", v);
      }
    } else if (strcmp(k, "next") == 0) {
      c.next_step = strcmp(v, "end") == 0 ? NEXT_END : strcmp(v, "change") == 0 ? NEXT_CHANGE : NEXT_RENEW;
    } else {
      fail_msg("bad key %s", k);
    }
  }
  return c;
}

#define FIXED_12_3 "contract=P12M later=P12M notice=P3M later_notice=P3M billing=P1M"
#define MONTHLY_14D "billing=P1M notice=P14D"
#define CONSUMER_24 "contract=P24M notice=P1M later_notice=P1M billing=P1M"
#define SHORT_LATER "contract=P12M notice=P3M later_notice=P1M billing=P1M"
#define TRIAL_1M "trial=P14D contract=P1M later=P1M billing=P1M"
#define END_6M "contract=P6M next=end billing=P1M"
#define WEEKLY "billing=P1W notice=P3D"
#define YEAR_THEN_MONTHS "contract=P1Y later=P1M notice=P1M later_notice=P1M billing=P1M"
#define DAYS_THEN_MONTHS "contract=P30D later=P1M billing=P1M"
#define CHANGE_3M "contract=P3M notice=P1M next=change billing=P1M"
#define NEXT_MONTHLY "billing=P1M notice=P14D"

struct cancel_case {
  const char *variant;
  const char *start;
  const char *t;
  const char *end;
  const char *npc; /* nextPossibleCancellationDate */
  const char *lsd; /* lastServiceDay */
};

static const struct cancel_case CANCEL[] = {
  /* 12-month term, 3-month notice, 12-month renewals: ends are anniversaries, deadlines 3 months before. */
  {FIXED_12_3, "2026-01-15 10:00:00", "2026-03-01 12:00:00", "2027-01-15", "2026-10-15", "2027-01-14"},
  {FIXED_12_3, "2026-01-15 10:00:00", "2026-10-15", "2027-01-15", "2026-10-15", "2027-01-14"},
  {FIXED_12_3, "2026-01-15 10:00:00", "2026-10-15 00:00:01", "2028-01-15", "2027-10-15", "2028-01-14"},
  {FIXED_12_3, "2026-01-15 10:00:00", "2027-12-01", "2029-01-15", "2028-10-15", "2029-01-14"},
  {FIXED_12_3, "2026-01-15 10:00:00", "2025-12-01", "2027-01-15", "2026-10-15", "2027-01-14"},
  {FIXED_12_3, "2026-01-31", "2026-10-31", "2027-01-31", "2026-10-31", "2027-01-30"},
  {FIXED_12_3, "2026-01-31", "2026-11-01", "2028-01-31", "2027-10-31", "2028-01-30"},
  {FIXED_12_3, "2024-02-29", "2024-11-28", "2025-02-28", "2024-11-28", "2025-02-27"},
  {FIXED_12_3, "2024-02-29", "2024-11-28 00:00:01", "2026-02-28", "2025-11-28", "2026-02-27"},
  {FIXED_12_3, "2024-02-29", "2027-11-01", "2028-02-29", "2027-11-29", "2028-02-28"}, /* no drift: 29th again */
  {FIXED_12_3, "2024-02-29", "2027-11-29", "2028-02-29", "2027-11-29", "2028-02-28"},
  {FIXED_12_3, "2024-02-29", "2027-12-01", "2029-02-28", "2028-11-28", "2029-02-27"},
  {FIXED_12_3, "2026-05-31", "2027-02-28", "2027-05-31", "2027-02-28", "2027-05-30"},
  {FIXED_12_3, "2026-05-31", "2027-03-01", "2028-05-31", "2028-02-29", "2028-05-30"},
  {FIXED_12_3, "2026-01-31T22:30:00Z", "2026-06-01", "2027-01-31", "2026-10-31", "2027-01-30"}, /* 23:30 local */
  {FIXED_12_3, "2026-01-31T23:30:00Z", "2026-06-01", "2027-02-01", "2026-11-01", "2027-01-31"}, /* 00:30 1 Feb */
  {FIXED_12_3, "2020-03-10", "2026-12-04", "2027-03-10", "2026-12-10", "2027-03-09"}, /* imported, years back */
  {FIXED_12_3, "2020-03-10", "2026-12-10 00:00:01", "2028-03-10", "2027-12-10", "2028-03-09"},
  /* No minimum term, monthly billing, 14 days notice: ends are the billing period ends. */
  {MONTHLY_14D, "2026-01-31 09:00:00", "2026-02-10", "2026-02-28", "2026-02-14", "2026-02-27"},
  {MONTHLY_14D, "2026-01-31 09:00:00", "2026-02-14", "2026-02-28", "2026-02-14", "2026-02-27"},
  {MONTHLY_14D, "2026-01-31 09:00:00", "2026-02-14 00:00:01", "2026-03-31", "2026-03-17", "2026-03-30"},
  {MONTHLY_14D, "2026-01-31 09:00:00", "2026-03-17", "2026-03-31", "2026-03-17", "2026-03-30"},
  {MONTHLY_14D, "2026-01-31 09:00:00", "2026-03-20", "2026-04-30", "2026-04-16", "2026-04-29"},
  {MONTHLY_14D, "2026-01-31 09:00:00", "2026-04-17", "2026-05-31", "2026-05-17", "2026-05-30"},
  {MONTHLY_14D, "2026-01-31 09:00:00", "2028-02-10", "2028-02-29", "2028-02-15", "2028-02-28"},
  {MONTHLY_14D, "2026-01-15", "2026-01-15 12:00:00", "2026-02-15", "2026-02-01", "2026-02-14"},
  {MONTHLY_14D, "2026-01-15", "2026-02-01 00:00:01", "2026-03-15", "2026-03-01", "2026-03-14"},
  {MONTHLY_14D, "2016-06-30", "2026-12-04", "2026-12-30", "2026-12-16", "2026-12-29"},
  {MONTHLY_14D, "2016-06-30", "2026-12-16 00:00:01", "2027-01-30", "2027-01-16", "2027-01-29"},
  /* Consumer: 24-month term, 1-month notice, then indefinite with 1-month notice (§ 309 Nr. 9 BGB). */
  {CONSUMER_24, "2026-03-15", "2027-06-01", "2028-03-15", "2028-02-15", "2028-03-14"},
  {CONSUMER_24, "2026-03-15", "2028-02-15", "2028-03-15", "2028-02-15", "2028-03-14"},
  {CONSUMER_24, "2026-03-15", "2028-02-15 00:00:01", "2028-03-16", "2028-02-15 23:59:59", "2028-03-15"},
  {CONSUMER_24, "2026-03-15", "2028-06-20 10:00:00", "2028-07-21", "2028-06-20 23:59:59", "2028-07-20"},
  {CONSUMER_24, "2026-03-15", "2029-01-28 08:00:00", "2029-03-01", "2029-01-31 23:59:59", "2029-02-28"},
  {CONSUMER_24, "2026-03-15", "2029-01-31 22:00:00", "2029-03-01", "2029-01-31 23:59:59", "2029-02-28"},
  {CONSUMER_24, "2026-03-15", "2029-02-01", "2029-03-02", "2029-02-01 23:59:59", "2029-03-01"},
  {CONSUMER_24, "2026-03-15", "2028-01-28 08:00:00", "2028-03-15", "2028-02-15", "2028-03-14"},
  {CONSUMER_24, "2026-03-15", "2028-11-29 12:00:00", "2028-12-30", "2028-11-29 23:59:59", "2028-12-29"},
  {CONSUMER_24, "2026-03-15", "2028-03-30 12:00:00", "2028-05-01", "2028-03-31 23:59:59", "2028-04-30"},
  /* Shorter later notice: after the E0 deadline, every day up to 30 Nov still maps to E0 (never before E0). */
  {SHORT_LATER, "2026-01-01", "2026-10-01", "2027-01-01", "2026-11-30 23:59:59", "2026-12-31"},
  {SHORT_LATER, "2026-01-01", "2026-02-01", "2027-01-01", "2026-11-30 23:59:59", "2026-12-31"},
  {SHORT_LATER, "2026-01-01", "2026-10-05", "2027-01-01", "2026-11-30 23:59:59", "2026-12-31"},
  {SHORT_LATER, "2026-01-01", "2026-11-30 23:00:00", "2027-01-01", "2026-11-30 23:59:59", "2026-12-31"},
  {SHORT_LATER, "2026-01-01", "2026-12-01", "2027-01-02", "2026-12-01 23:59:59", "2027-01-01"},
  /* Trial of 14 days, then monthly terms without notice. */
  {TRIAL_1M, "2026-03-20 15:00:00", "2026-03-25", "2026-04-03", "2026-04-03", "2026-04-02"},
  {TRIAL_1M, "2026-03-20 15:00:00", "2026-04-03", "2026-04-03", "2026-04-03", "2026-04-02"},
  {TRIAL_1M, "2026-03-20 15:00:00", "2026-04-03 00:00:01", "2026-05-03", "2026-05-03", "2026-05-02"},
  {TRIAL_1M, "2026-03-20 15:00:00", "2026-05-03", "2026-05-03", "2026-05-03", "2026-05-02"},
  {TRIAL_1M, "2026-03-20 15:00:00", "2026-05-10", "2026-06-03", "2026-06-03", "2026-06-02"},
  {TRIAL_1M, "2026-03-20 15:00:00", "2026-03-20 15:00:00", "2026-04-03", "2026-04-03", "2026-04-02"},
  /* Next step end: a cancellation changes nothing. */
  {END_6M, "2026-01-10", "2026-02-01", "2026-07-10", "2026-07-09 23:59:59", "2026-07-09"},
  {END_6M, "2026-01-10", "2026-07-09 23:59:59", "2026-07-10", "2026-07-09 23:59:59", "2026-07-09"},
  /* Weekly billing without term, 3 days notice; the deadline falls on the DST switch day. */
  {WEEKLY, "2026-03-25", "2026-03-28 12:00:00", "2026-04-01", "2026-03-29", "2026-03-31"},
  {WEEKLY, "2026-03-25", "2026-03-28T23:00:01Z", "2026-04-08", "2026-04-05", "2026-04-07"},
  {WEEKLY, "2026-03-25", "2026-10-20", "2026-10-28", "2026-10-25", "2026-10-27"},
  /* A year, then monthly renewals, all from the anchor in one step (31 Aug -> 30 Sep -> 31 Oct). */
  {YEAR_THEN_MONTHS, "2025-08-31", "2026-07-31", "2026-08-31", "2026-07-31", "2026-08-30"},
  {YEAR_THEN_MONTHS, "2025-08-31", "2026-08-01", "2026-09-30", "2026-08-30", "2026-09-29"},
  {YEAR_THEN_MONTHS, "2025-08-31", "2026-09-15", "2026-10-31", "2026-09-30", "2026-10-30"},
  {YEAR_THEN_MONTHS, "2025-08-31", "2027-01-28", "2027-02-28", "2027-01-28", "2027-02-27"},
  {YEAR_THEN_MONTHS, "2025-08-31", "2027-01-31", "2027-03-31", "2027-02-28", "2027-03-30"}, /* 28 Jan deadline */
  {YEAR_THEN_MONTHS, "2025-08-31", "2027-02-01", "2027-03-31", "2027-02-28", "2027-03-30"},
  /* 30 days, then months counted from E0 (mixed units). */
  {DAYS_THEN_MONTHS, "2026-01-01", "2026-02-01", "2026-02-28", "2026-02-28", "2026-02-27"},
  {DAYS_THEN_MONTHS, "2026-01-01", "2026-03-01", "2026-03-31", "2026-03-31", "2026-03-30"},
};

static void check_preview(const struct contract_terms *c, const struct cancel_case *k)
{
  struct cancellation_preview p;
  enum cal_status st = calendar_cancellation_preview(c, TZ, L(k->start), L(k->t), &p);
  char a[32], b[32], lsd[16];
  if (st != CAL_OK) {
    fail_msg("[%s] start %s, t %s: status %d", k->variant, k->start, k->t, st);
  }
  ld_format(p.last_service_day, lsd, sizeof lsd);
  if (p.end_date != L(k->end) || p.next_possible_cancellation != L(k->npc) || strcmp(lsd, k->lsd) != 0) {
    fail_msg("[%s] start %s, t %s:\n   end %s (want %s), npc %s (want %s), lsd %s (want %s)", k->variant, k->start,
             k->t, rfc3339_format(p.end_date, a, sizeof a), k->end,
             rfc3339_format(p.next_possible_cancellation, b, sizeof b), k->npc, lsd, k->lsd);
  }
}

static void test_cancellation_table(void **state)
{
  for (size_t i = 0; i < sizeof CANCEL / sizeof CANCEL[0]; i++) {
    struct contract_terms c = T(CANCEL[i].variant);
    check_preview(&c, &CANCEL[i]);
  }
}

static void test_next_step_change_continues_as_next_variant(void **state)
{
  struct contract_terms next = T(NEXT_MONTHLY);
  struct contract_terms c = T(CHANGE_3M);
  c.next = &next;
  static const struct cancel_case rows[] = {
    {CHANGE_3M, "2026-01-10", "2026-02-01", "2026-04-10", "2026-03-10", "2026-04-09"},
    {CHANGE_3M, "2026-01-10", "2026-03-10", "2026-04-10", "2026-03-10", "2026-04-09"},
    {CHANGE_3M, "2026-01-10", "2026-03-15", "2026-05-10", "2026-04-26", "2026-05-09"},
    {CHANGE_3M, "2026-01-10", "2026-04-27", "2026-06-10", "2026-05-27", "2026-06-09"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    check_preview(&c, &rows[i]);
  }
  c.next = NULL;
  struct cancellation_preview p;
  assert_int_equal(calendar_cancellation_preview(&c, TZ, L("2026-01-10"), L("2026-03-15"), &p), CAL_BAD_TERMS);
}

static void test_errors(void **state)
{
  struct cancellation_preview p;
  struct contract_terms end = T(END_6M);
  assert_int_equal(calendar_cancellation_preview(&end, TZ, L("2026-01-10"), L("2026-07-10"), &p), CAL_ENDED);
  struct contract_terms none = T("notice=P1M");
  assert_int_equal(calendar_cancellation_preview(&none, TZ, L("2026-01-10"), L("2026-02-01"), &p), CAL_BAD_TERMS);
  struct contract_terms ok = T(FIXED_12_3);
  assert_int_equal(calendar_cancellation_preview(&ok, "Nowhere/City", L("2026-01-10"), L("2026-02-01"), &p),
                   CAL_BAD_ZONE);
}

static void test_term_ends(void **state)
{
  struct contract_terms c = T(FIXED_12_3);
  instant_t e;
  assert_int_equal(calendar_term_end(&c, TZ, L("2024-02-29 12:00:00"), 0, &e), CAL_OK);
  assert_int_equal(e, L("2025-02-28"));
  assert_int_equal(calendar_term_end(&c, TZ, L("2024-02-29 12:00:00"), 4, &e), CAL_OK);
  assert_int_equal(e, L("2029-02-28"));
  assert_int_equal(calendar_term_end(&c, TZ, L("2024-02-29 12:00:00"), 3, &e), CAL_OK);
  assert_int_equal(e, L("2028-02-29"));
  struct contract_terms trial = T(TRIAL_1M);
  assert_int_equal(calendar_term_start(&trial, TZ, L("2026-03-20 15:00:00"), &e), CAL_OK);
  assert_int_equal(e, L("2026-04-03"));
  assert_int_equal(e, L("2026-04-02T22:00:00Z")); /* CEST */
  assert_int_equal(calendar_term_end(&trial, TZ, L("2026-03-20 15:00:00"), 0, &e), CAL_OK);
  assert_int_equal(e, L("2026-05-03"));
  struct contract_terms consumer = T(CONSUMER_24);
  assert_int_equal(calendar_term_end(&consumer, TZ, L("2026-03-15"), 1, &e), CAL_BAD_TERMS); /* indefinite */
  struct contract_terms nostart = T(FIXED_12_3);
  assert_int_equal(calendar_term_start(&nostart, TZ, L("2026-03-20 15:00:00"), &e), CAL_OK);
  assert_int_equal(e, L("2026-03-20 15:00:00"));
}

struct billing_case {
  const char *variant;
  int postpaid;
  const char *start;
  const char *end; /* "" = no end */
  const char *t;
  const char *next; /* "" = CAL_ENDED */
};

static const struct billing_case BILLING[] = {
  {FIXED_12_3, 0, "2026-01-31 10:00:00", "", "2026-01-31 10:00:00", "2026-02-28"},
  {FIXED_12_3, 0, "2026-01-31 10:00:00", "", "2026-02-28", "2026-03-31"},
  {FIXED_12_3, 0, "2026-01-31 10:00:00", "", "2026-02-27 23:59:59", "2026-02-28"},
  {FIXED_12_3, 0, "2026-01-31 10:00:00", "", "2030-04-15", "2030-04-30"},
  {FIXED_12_3, 0, "2026-01-31 10:00:00", "", "2026-01-01", "2026-01-31 10:00:00"}, /* first invoice at start */
  {FIXED_12_3, 1, "2026-01-31 10:00:00", "", "2026-01-31 10:00:00", "2026-02-28"},
  {FIXED_12_3, 0, "2026-01-15", "2027-01-15", "2026-12-20", ""},
  {FIXED_12_3, 1, "2026-01-15", "2027-01-15", "2026-12-20", "2027-01-15"},
  {FIXED_12_3, 1, "2026-01-15", "2026-06-20", "2026-06-16", "2026-06-20"}, /* partial final period */
  {FIXED_12_3, 1, "2026-01-15", "2026-06-20", "2026-06-20", ""},
  {TRIAL_1M, 0, "2026-03-20 15:00:00", "", "2026-03-21", "2026-04-03"},
  {TRIAL_1M, 0, "2026-03-20 15:00:00", "", "2026-04-03", "2026-05-03"},
  {WEEKLY, 0, "2026-03-25", "", "2026-03-25 12:00:00", "2026-04-01"},
  {"billing=P1Y", 0, "2024-02-29", "", "2025-01-01", "2025-02-28"},
  {"billing=P1Y", 0, "2024-02-29", "", "2027-06-01", "2028-02-29"},
};

static void test_next_billing_table(void **state)
{
  for (size_t i = 0; i < sizeof BILLING / sizeof BILLING[0]; i++) {
    const struct billing_case *k = &BILLING[i];
    struct contract_terms c = T(k->variant);
    instant_t next = 0;
    enum cal_status st = calendar_next_billing(&c, TZ, L(k->start), k->postpaid ? PAYMENT_POSTPAID : PAYMENT_PREPAID,
                                               k->end[0] ? L(k->end) : 0, L(k->t), &next);
    char buf[32];
    if (!k->next[0]) {
      if (st != CAL_ENDED) {
        fail_msg("row %zu: expected no further billing, got %s", i, rfc3339_format(next, buf, sizeof buf));
      }
    } else if (st != CAL_OK || next != L(k->next)) {
      fail_msg("row %zu (%s, t %s): next billing %s, expected %s (status %d)", i, k->variant, k->t,
               rfc3339_format(next, buf, sizeof buf), k->next, st);
    }
  }
}

static void test_billing_periods_in_a_range(void **state)
{
  struct contract_terms c = T(MONTHLY_14D);
  struct billing_period p[16];
  int n = calendar_billing_periods(&c, TZ, L("2026-01-31 09:00:00"), L("2026-02-15"), L("2026-05-01"), p, 16);
  assert_int_equal(n, 4);
  assert_int_equal(p[0].from, L("2026-01-31 09:00:00"));
  assert_int_equal(p[0].to, L("2026-02-28"));
  assert_int_equal(p[1].from, L("2026-02-28"));
  assert_int_equal(p[1].to, L("2026-03-31"));
  assert_int_equal(p[3].from, L("2026-04-30"));
  assert_int_equal(p[3].to, L("2026-05-31"));
  assert_int_equal(calendar_billing_periods(&c, TZ, L("2026-01-31"), L("2026-05-01"), L("2026-05-01"), p, 16), 0);
  /* the March period spans the DST switch: 31 days of 24 h but one of 23 h */
  assert_int_equal(p[1].to - p[1].from, 31 * 86400 - 3600);
}

struct terms_case {
  const char *variant;
  int consumer;
  const char *fee;
  const char *expect; /* "field:code,field:code" or "" */
};

static const struct terms_case TERMS[] = {
  {CONSUMER_24, 1, "P1M", ""},
  {"contract=P25M notice=P1M billing=P1M", 1, "P1M", "contractPeriod:consumer_first_term_over_24_months"},
  {"contract=P2Y notice=P1M billing=P1M", 1, "P1M", ""},
  {"contract=P731D billing=P1M", 1, "P1M", "contractPeriod:consumer_first_term_over_24_months"},
  {"contract=P12M later=P12M notice=P1M billing=P1M", 1, "P1M",
   "laterContractPeriod:consumer_renewal_must_be_indefinite"},
  {"contract=P12M notice=P3M later_notice=P1M billing=P1M", 1, "P1M",
   "cancellationPeriod:consumer_notice_over_one_month"},
  {"contract=P12M notice=P4W later_notice=P29D billing=P1M", 1, "P1M",
   "laterCancellationPeriod:consumer_notice_over_one_month"},
  {"contract=P12M notice=P28D billing=P1M", 1, "P1M", ""},
  {"contract=P12M later=P12M notice=P3M billing=P1M", 0, "P1M", ""},
  {"contract=P12M billing=P3M", 0, "P2M", "billingPeriod:not_multiple_of_fee_period"},
  {"contract=P12M billing=P1Y", 0, "P1M", ""},
  {"contract=P12M billing=P1M", 0, "P7D", "billingPeriod:not_multiple_of_fee_period"},
  {"contract=P12M", 0, "P1M", "billingPeriod:required"},
  {"later=P1M later_notice=P1M billing=P1M next=end", 0, "P1M",
   "laterContractPeriod:requires_contract_period,laterCancellationPeriod:requires_contract_period,"
   "afterFirstContractPeriodNextStep:requires_contract_period"},
  {"contract=P3M next=change billing=P1M", 0, "P1M", "nextPlanVariantId:required"},
  {"contract=P36M later=P12M notice=P3M billing=P1W", 1, "P1M",
   "billingPeriod:not_multiple_of_fee_period,contractPeriod:consumer_first_term_over_24_months,"
   "laterContractPeriod:consumer_renewal_must_be_indefinite,cancellationPeriod:consumer_notice_over_one_month"},
};

static void test_terms_checks_name_every_violated_rule(void **state)
{
  for (size_t i = 0; i < sizeof TERMS / sizeof TERMS[0]; i++) {
    struct contract_terms c = T(TERMS[i].variant);
    struct period fee;
    period_parse(TERMS[i].fee, &fee);
    struct terms_violation v[8];
    int n = calendar_check_terms(&c, fee, TERMS[i].consumer, v, 8);
    char got[512] = "";
    for (int j = 0; j < n && j < 8; j++) {
      char one[128];
      snprintf(one, sizeof one, "%s%s:%s", j ? "," : "", v[j].field, v[j].code);
      strncat(got, one, sizeof got - strlen(got) - 1);
    }
    if (strcmp(got, TERMS[i].expect) != 0) {
      fail_msg("[%s consumer=%d fee=%s]\n   got  %s\n   want %s", TERMS[i].variant, TERMS[i].consumer,
               TERMS[i].fee, got, TERMS[i].expect);
    }
  }
}

/* The end is the trial end, one of the term ends E_k, or (indefinite phase) exactly max(E0, end of day D + notice). */
static int end_is_allowed(const struct contract_terms *c, instant_t start, instant_t t,
                          const struct cancellation_preview *p)
{
  instant_t e;
  if (p->in_trial) {
    return calendar_term_start(c, TZ, start, &e) == CAL_OK && e == p->end_date;
  }
  for (long k = 0; k < 400 && calendar_term_end(c, TZ, start, k, &e) == CAL_OK && e <= p->end_date; k++) {
    if (e == p->end_date) {
      return 1;
    }
  }
  if (c->next_step == NEXT_RENEW && period_is_set(c->contract) && !period_is_set(c->later_contract)) {
    struct local_date d;
    instant_t e0;
    tz_local_date(TZ, t, &d);
    calendar_term_end(c, TZ, start, 0, &e0);
    tz_midnight(TZ, ld_add_days(ld_add_period(d, c->later_cancellation, 1), 1), &e);
    return p->end_date == (e < e0 ? e0 : e);
  }
  return 0;
}

/* Properties over ~3 years of cancellation instants for each variant shape and several starts. */
static void check_properties(const struct contract_terms *c, const char *variant, const char *start_s,
                             int is_end_step)
{
  instant_t start = L(start_s);
  instant_t prev_end = 0;
  int checked = 0;
  for (instant_t t = start - 86400 * 3; t < start + 86400 * 365 * 3; t += 7 * 3600 + 13 * 60 + 7) {
    struct cancellation_preview p, q;
    enum cal_status st = calendar_cancellation_preview(c, TZ, start, t, &p);
    if (is_end_step && st == CAL_ENDED) {
      break;
    }
    char a[32], b[32];
    if (st != CAL_OK) {
      fail_msg("start %s t %s: status %d", start_s, rfc3339_format(t, a, sizeof a), st);
    }
    if (!(t <= p.next_possible_cancellation && p.next_possible_cancellation <= p.end_date && t < p.end_date + 1)) {
      fail_msg("start %s t %s: npc %s end %s out of order", start_s, rfc3339_format(t, a, sizeof a),
               rfc3339_format(p.next_possible_cancellation, b, sizeof b), rfc3339_format(p.end_date, b, sizeof b));
    }
    if (p.end_date < prev_end) {
      fail_msg("start %s t %s: end moved earlier", start_s, rfc3339_format(t, a, sizeof a));
    }
    prev_end = p.end_date;
    if (c->next_step != NEXT_CHANGE && !end_is_allowed(c, start, t, &p)) {
      fail_msg("[%s] start %s t %s: end %s is neither a term end nor the indefinite-term end", variant, start_s,
               rfc3339_format(t, a, sizeof a), rfc3339_format(p.end_date, b, sizeof b));
    }
    struct local_date d, lsd;
    instant_t mid;
    tz_local_date(TZ, p.end_date, &d);
    tz_midnight(TZ, d, &mid);
    assert_int_equal(mid, p.end_date);
    tz_local_date(TZ, p.end_date - 1, &lsd);
    assert_int_equal(ld_cmp(lsd, p.last_service_day), 0);
    assert_int_equal(calendar_cancellation_preview(c, TZ, start, p.next_possible_cancellation, &q), CAL_OK);
    if (q.end_date != p.end_date) {
      fail_msg("start %s t %s: a cancellation at npc %s reaches %s, not %s", start_s, rfc3339_format(t, a, sizeof a),
               rfc3339_format(p.next_possible_cancellation, b, sizeof b), rfc3339_format(q.end_date, a, sizeof a),
               rfc3339_format(p.end_date, b, sizeof b));
    }
    if (!is_end_step) {
      st = calendar_cancellation_preview(c, TZ, start, p.next_possible_cancellation + 1, &q);
      if (st != CAL_OK || q.end_date <= p.end_date) {
        char e[32];
        fail_msg("[%s] start %s t %s: npc %s is not the last instant for end %s (npc+1 -> %s, status %d)", variant,
                 start_s, rfc3339_format(t, a, sizeof a), rfc3339_format(p.next_possible_cancellation, b, sizeof b),
                 rfc3339_format(p.end_date, e, sizeof e), rfc3339_format(q.end_date, e, sizeof e), st);
      }
    }
    checked++;
  }
  assert_true(checked > 100);
}

static void test_properties_over_generated_instants(void **state)
{
  static const char *variants[] = {FIXED_12_3, MONTHLY_14D, CONSUMER_24, SHORT_LATER, TRIAL_1M, WEEKLY,
                                   YEAR_THEN_MONTHS, DAYS_THEN_MONTHS, "billing=P1M", "contract=P1M billing=P1M"};
  static const char *starts[] = {"2026-01-31 23:30:00", "2024-02-29 00:00:00", "2026-03-29 12:00:00",
                                 "2026-10-25 12:00:00", "2027-08-31 08:00:00"};
  for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
    struct contract_terms c = T(variants[v]);
    for (size_t s = 0; s < sizeof starts / sizeof starts[0]; s++) {
      check_properties(&c, variants[v], starts[s], 0);
    }
  }
  struct contract_terms end = T(END_6M);
  check_properties(&end, END_6M, "2026-01-31 23:30:00", 1);
  struct contract_terms next = T(NEXT_MONTHLY);
  struct contract_terms change = T(CHANGE_3M);
  change.next = &next;
  check_properties(&change, CHANGE_3M, "2026-05-31 10:00:00", 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_cancellation_table),
    cmocka_unit_test(test_next_step_change_continues_as_next_variant),
    cmocka_unit_test(test_errors),
    cmocka_unit_test(test_term_ends),
    cmocka_unit_test(test_next_billing_table),
    cmocka_unit_test(test_billing_periods_in_a_range),
    cmocka_unit_test(test_terms_checks_name_every_violated_rule),
    cmocka_unit_test(test_properties_over_generated_instants),
  };
  return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}

/* period.h: local calendar dates and periods ({"unit": "day|week|month|year", "quantity": n} or none), and the
 * one-step, month-end-clamping date arithmetic of DESIGN §5 (§ 188 Abs. 3 BGB). Pure: no I/O, no time zone. */
#ifndef PORTICO_PERIOD_H
#define PORTICO_PERIOD_H
#include <stddef.h>
#include <stdint.h>

struct local_date {
  int y, m, d;
};

enum period_unit { PERIOD_NONE = 0, PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH, PERIOD_YEAR };

struct period {
  enum period_unit unit; /* PERIOD_NONE: no period (JSON null) */
  int quantity;          /* 1..period_max_quantity(unit) when unit is set */
};

/* No period is longer than ten years: 3660 days, 520 weeks, 120 months, 10 years. */
#define PERIOD_MAX_QUANTITY 3660
int period_max_quantity(enum period_unit u);

int64_t ld_days(struct local_date d);            /* days since 1970-01-01 */
struct local_date ld_from_days(int64_t days);
int ld_cmp(struct local_date a, struct local_date b);
int ld_valid(struct local_date d);
struct local_date ld_add_days(struct local_date d, int64_t n);
/* d + k * p in one step (months: day of month kept, clamped to the month's end; a year is 12 months; a week 7 days).
 * k may be negative: 31 May - 3 months = 28 Feb (29 in leap years). PERIOD_NONE adds nothing. */
struct local_date ld_add_period(struct local_date d, struct period p, long k);
/* "YYYY-MM-DD" with year 1900..2999 -> 0, else -1. */
int ld_parse(const char *s, struct local_date *out);
/* Writes "YYYY-MM-DD" (11 bytes). */
char *ld_format(struct local_date d, char *buf, size_t len);

/* unit "day|week|month|year" and quantity 1..period_max_quantity(unit) -> 0, else -1. */
int period_from_parts(const char *unit, long quantity, struct period *out);
/* ISO 8601 single-component duration ("P1M", "P14D", "P2W", "P1Y") or "" / "null" for none -> 0, else -1. */
int period_parse(const char *s, struct period *out);
const char *period_unit_name(enum period_unit u);
int period_is_set(struct period p);
/* 1 when both are month/year periods (their sums are computed in months, in one step). */
int period_is_monthly(struct period p);
int period_months(struct period p); /* months of a month/year period, else 0 */
/* The largest number of days the period can span (month 31, year 366); for bounds, never for arithmetic. */
int64_t period_max_days(struct period p);
/* The smallest number of days the period can span (month 28, year 365). */
int64_t period_min_days(struct period p);
/* 1 when `whole` is an exact multiple of `part` (both set; months with months, days/weeks with days/weeks). */
int period_is_multiple_of(struct period whole, struct period part);

#endif

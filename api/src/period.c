/* period.c: local dates and periods. Month arithmetic always goes from the anchor in one step, so repeated
 * additions never drift (31 Jan + 1 month = 28/29 Feb, + 2 months = 31 Mar), and clamps to the month's end.
 * Pure: no I/O, no time zone (tz.c converts to instants), no globals. */
#include "period.h"
#include "rfc3339.h"
#include <stdio.h>
#include <string.h>

int64_t ld_days(struct local_date d)
{
  return days_from_civil(d.y, d.m, d.d);
}

struct local_date ld_from_days(int64_t days)
{
  struct local_date d;
  civil_from_days(days, &d.y, &d.m, &d.d);
  return d;
}

int ld_cmp(struct local_date a, struct local_date b)
{
  int64_t x = ld_days(a), y = ld_days(b);
  return x < y ? -1 : x > y;
}

int ld_valid(struct local_date d)
{
  return d.y >= 1 && d.y <= 9999 && d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= days_in_month(d.y, d.m);
}

struct local_date ld_add_days(struct local_date d, int64_t n)
{
  return ld_from_days(ld_days(d) + n);
}

static struct local_date add_months(struct local_date d, long months)
{
  long total = (long)d.y * 12 + (d.m - 1) + months;
  long y = total >= 0 ? total / 12 : (total - 11) / 12;
  struct local_date r = {(int)y, (int)(total - y * 12) + 1, d.d};
  int dim = days_in_month(r.y, r.m);
  if (r.d > dim) {
    r.d = dim;
  }
  return r;
}

struct local_date ld_add_period(struct local_date d, struct period p, long k)
{
  switch (p.unit) {
  case PERIOD_DAY: return ld_add_days(d, (int64_t)p.quantity * k);
  case PERIOD_WEEK: return ld_add_days(d, (int64_t)p.quantity * 7 * k);
  case PERIOD_MONTH: return add_months(d, (long)p.quantity * k);
  case PERIOD_YEAR: return add_months(d, (long)p.quantity * 12 * k);
  default: return d;
  }
}

int ld_parse(const char *s, struct local_date *out)
{
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') {
    return -1;
  }
  for (int i = 0; i < 10; i++) {
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) {
      return -1;
    }
  }
  struct local_date d = {(s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
                         (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0')};
  if (d.y < 1900 || d.y > 2999 || !ld_valid(d)) { /* business dates; keeps arithmetic far from year 9999 */
    return -1;
  }
  *out = d;
  return 0;
}

char *ld_format(struct local_date d, char *buf, size_t len)
{
  snprintf(buf, len, "%04d-%02d-%02d", d.y, d.m, d.d);
  return buf;
}

static const char *const UNIT_NAMES[] = {NULL, "day", "week", "month", "year"};

const char *period_unit_name(enum period_unit u)
{
  return u >= PERIOD_DAY && u <= PERIOD_YEAR ? UNIT_NAMES[u] : "none";
}

int period_max_quantity(enum period_unit u)
{
  switch (u) {
  case PERIOD_DAY: return 3660;
  case PERIOD_WEEK: return 520;
  case PERIOD_MONTH: return 120;
  case PERIOD_YEAR: return 10;
  default: return 0;
  }
}

int period_from_parts(const char *unit, long quantity, struct period *out)
{
  if (!unit || quantity < 1) {
    return -1;
  }
  for (int u = PERIOD_DAY; u <= PERIOD_YEAR; u++) {
    if (strcmp(unit, UNIT_NAMES[u]) == 0) {
      if (quantity > period_max_quantity((enum period_unit)u)) {
        return -1;
      }
      out->unit = (enum period_unit)u;
      out->quantity = (int)quantity;
      return 0;
    }
  }
  return -1;
}

int period_parse(const char *s, struct period *out)
{
  if (!s) {
    return -1;
  }
  if (!*s || strcmp(s, "null") == 0) {
    out->unit = PERIOD_NONE;
    out->quantity = 0;
    return 0;
  }
  if (s[0] != 'P') {
    return -1;
  }
  long q = 0;
  const char *p = s + 1;
  if (*p < '1' || *p > '9') {
    return -1;
  }
  while (*p >= '0' && *p <= '9') {
    q = q * 10 + (*p - '0');
    if (q > PERIOD_MAX_QUANTITY) {
      return -1;
    }
    p++;
  }
  if (p[0] == '\0' || p[1] != '\0') {
    return -1;
  }
  static const char letters[] = "DWMY";
  const char *l = strchr(letters, *p);
  if (!l) {
    return -1;
  }
  out->unit = (enum period_unit)(PERIOD_DAY + (l - letters));
  out->quantity = (int)q;
  return q <= period_max_quantity(out->unit) ? 0 : -1;
}

int period_is_set(struct period p)
{
  return p.unit != PERIOD_NONE && p.quantity > 0;
}

int period_is_monthly(struct period p)
{
  return p.unit == PERIOD_MONTH || p.unit == PERIOD_YEAR;
}

int period_months(struct period p)
{
  return p.unit == PERIOD_MONTH ? p.quantity : p.unit == PERIOD_YEAR ? p.quantity * 12 : 0;
}

static int64_t period_days_exact(struct period p)
{
  return p.unit == PERIOD_DAY ? p.quantity : p.unit == PERIOD_WEEK ? (int64_t)p.quantity * 7 : 0;
}

int64_t period_max_days(struct period p)
{
  return period_is_monthly(p) ? (int64_t)period_months(p) * 31 : period_days_exact(p);
}

int64_t period_min_days(struct period p)
{
  if (p.unit == PERIOD_YEAR) {
    return (int64_t)p.quantity * 365;
  }
  return p.unit == PERIOD_MONTH ? (int64_t)p.quantity * 28 : period_days_exact(p);
}

int period_is_multiple_of(struct period whole, struct period part)
{
  if (!period_is_set(whole) || !period_is_set(part)) {
    return 0;
  }
  if (period_is_monthly(whole) != period_is_monthly(part)) {
    return 0;
  }
  if (period_is_monthly(whole)) {
    return period_months(whole) % period_months(part) == 0;
  }
  return period_days_exact(whole) % period_days_exact(part) == 0;
}

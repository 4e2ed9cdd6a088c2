/* rfc3339.c: the wire format of instants and the proleptic Gregorian day count (H. Hinnant's algorithms).
 * Pure: no I/O, no time zone, no global state (never localtime/mktime: they read the process-wide TZ). */
#include "rfc3339.h"
#include <stdio.h>
#include <string.h>

int64_t days_from_civil(int y, int m, int d)
{
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (153u * (unsigned)(m + (m > 2 ? -3 : 9)) + 2u) / 5u + (unsigned)d - 1u;
  const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
  return era * 146097 + (int64_t)doe - 719468;
}

void civil_from_days(int64_t z, int *y, int *m, int *d)
{
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = (unsigned)(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460u + doe / 36524u - doe / 146096u) / 365u;
  const unsigned doy = doe - (365u * yoe + yoe / 4u - yoe / 100u);
  const unsigned mp = (5u * doy + 2u) / 153u;
  *d = (int)(doy - (153u * mp + 2u) / 5u + 1u);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)((int64_t)yoe + era * 400 + (*m <= 2));
}

int days_in_month(int y, int m)
{
  static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2) {
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return 28 + leap;
  }
  return dim[m - 1];
}

static int digits(const char *s, int n, int *out)
{
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') {
      return -1;
    }
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 0;
}

int rfc3339_parse(const char *s, instant_t *out)
{
  int y, mo, d, h, mi, se;
  if (!s || strlen(s) < 20 || strlen(s) > 40) {
    return -1;
  }
  if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' || digits(s + 8, 2, &d) ||
      (s[10] != 'T' && s[10] != 't') || digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) ||
      s[16] != ':' || digits(s + 17, 2, &se)) {
    return -1;
  }
  if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
      se > 59) {
    return -1;
  }
  const char *p = s + 19;
  if (*p == '.') {
    p++;
    if (*p < '0' || *p > '9') {
      return -1;
    }
    while (*p >= '0' && *p <= '9') {
      p++;
    }
  }
  int offset = 0;
  if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
    offset = 0;
  } else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
    int oh, om;
    if (digits(p + 1, 2, &oh) || digits(p + 4, 2, &om) || oh > 23 || om > 59) {
      return -1;
    }
    offset = (oh * 60 + om) * 60 * (*p == '-' ? -1 : 1);
  } else {
    return -1;
  }
  *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset;
  return 0;
}

char *rfc3339_format(instant_t t, char *buf, unsigned long len)
{
  int64_t days = t / 86400, secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    days -= 1;
  }
  int y, m, d;
  civil_from_days(days, &y, &m, &d);
  snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(secs / 3600), (int)(secs % 3600 / 60),
           (int)(secs % 60));
  return buf;
}

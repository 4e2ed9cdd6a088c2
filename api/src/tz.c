/* tz.c: the only place that knows about time zones. ICU's UCalendar is opened per call (no shared state, so any
 * thread may call it); ICU's own zone data is the tz database. Its millisecond type is floating point but holds
 * whole milliseconds exactly; it is converted to int64 seconds at once and never touches money. */
#include "tz.h"
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

static UCalendar *open_zone(const char *tz)
{
  UChar id[128];
  UErrorCode st = U_ZERO_ERROR;
  int32_t len = 0;
  if (!tz || strlen(tz) >= 64) {
    return NULL;
  }
  u_strFromUTF8(id, 128, &len, tz, -1, &st);
  if (U_FAILURE(st)) {
    return NULL;
  }
  UChar canon[128];
  UBool is_system = 0;
  ucal_getCanonicalTimeZoneID(id, len, canon, 128, &is_system, &st);
  if (U_FAILURE(st) || !is_system) {
    return NULL;
  }
  UCalendar *cal = ucal_open(id, len, "en_US_POSIX", UCAL_GREGORIAN, &st);
  if (U_FAILURE(st)) {
    if (cal) {
      ucal_close(cal);
    }
    return NULL;
  }
  return cal;
}

int tz_is_valid(const char *tz)
{
  UCalendar *cal = open_zone(tz);
  if (!cal) {
    return 0;
  }
  ucal_close(cal);
  return 1;
}

int tz_local_date(const char *tz, instant_t t, struct local_date *out)
{
  UCalendar *cal = open_zone(tz);
  if (!cal) {
    return -1;
  }
  UErrorCode st = U_ZERO_ERROR;
  ucal_setMillis(cal, (UDate)(t * 1000), &st);
  out->y = ucal_get(cal, UCAL_EXTENDED_YEAR, &st);
  out->m = ucal_get(cal, UCAL_MONTH, &st) + 1;
  out->d = ucal_get(cal, UCAL_DATE, &st);
  ucal_close(cal);
  return U_FAILURE(st) ? -1 : 0;
}

int tz_midnight(const char *tz, struct local_date d, instant_t *out)
{
  UCalendar *cal = open_zone(tz);
  if (!cal) {
    return -1;
  }
  UErrorCode st = U_ZERO_ERROR;
  ucal_clear(cal);
  ucal_set(cal, UCAL_EXTENDED_YEAR, d.y);
  ucal_set(cal, UCAL_MONTH, d.m - 1);
  ucal_set(cal, UCAL_DATE, d.d);
  ucal_set(cal, UCAL_HOUR_OF_DAY, 0);
  ucal_set(cal, UCAL_MINUTE, 0);
  ucal_set(cal, UCAL_SECOND, 0);
  ucal_set(cal, UCAL_MILLISECOND, 0);
  int64_t ms = (int64_t)ucal_getMillis(cal, &st);
  ucal_close(cal);
  if (U_FAILURE(st)) {
    return -1;
  }
  *out = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  return 0;
}

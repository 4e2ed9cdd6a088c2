/* tz.h: instants <-> local dates in an IANA time zone, through ICU (no process-global TZ, safe in threads). */
#ifndef PORTICO_TZ_H
#define PORTICO_TZ_H
#include "period.h"
#include "rfc3339.h"

/* 1 when ICU knows the zone (e.g. "Europe/Berlin"); unknown names are never silently GMT. */
int tz_is_valid(const char *tz);
/* The local calendar date of instant t. 0, or -1 for an unknown zone. */
int tz_local_date(const char *tz, instant_t t, struct local_date *out);
/* The instant of local 00:00 on date d (in a zone whose midnight is skipped by DST, the first valid time). */
int tz_midnight(const char *tz, struct local_date d, instant_t *out);

#endif

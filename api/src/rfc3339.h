/* rfc3339.h: parse and format UTC instants as RFC 3339 (`2026-03-01T23:00:00Z`) and local dates (`YYYY-MM-DD`). */
#ifndef PORTICO_RFC3339_H
#define PORTICO_RFC3339_H
#include <stdint.h>

/* Instants are seconds since the Unix epoch (UTC), int64 so they survive 2038. */
typedef int64_t instant_t;

/* Accepts `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`; returns 0 and sets *out, or -1 when malformed or out of range. */
int rfc3339_parse(const char *s, instant_t *out);
/* Writes `YYYY-MM-DDTHH:MM:SSZ` into buf (>= 21 bytes). Returns buf. */
char *rfc3339_format(instant_t t, char *buf, unsigned long len);

/* Days since 1970-01-01 for a proleptic Gregorian date, and back. */
int64_t days_from_civil(int y, int m, int d);
void civil_from_days(int64_t z, int *y, int *m, int *d);
int days_in_month(int y, int m);

#endif

/* libFuzzer target: the date, instant and period parsers and date arithmetic. Checks invariants, not just
 * crashes: a parsed date formats back to the same text, a parsed instant survives format -> parse, and period
 * arithmetic on any parsed date yields a valid date. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "period.h"
#include "rfc3339.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size > 64) {
    return 0;
  }
  char s[65];
  memcpy(s, data, size);
  s[size] = '\0';
  instant_t t;
  if (rfc3339_parse(s, &t) == 0) {
    char buf[32];
    instant_t back;
    rfc3339_format(t, buf, sizeof buf);
    if (rfc3339_parse(buf, &back) != 0 || back != t) {
      abort();
    }
  }
  struct local_date d;
  if (ld_parse(s, &d) == 0) {
    char buf[16];
    if (strcmp(ld_format(d, buf, sizeof buf), s) != 0) {
      abort();
    }
    struct period p = {PERIOD_MONTH, size % 13 + 1};
    for (long k = -3; k <= 3; k++) {
      if (!ld_valid(ld_add_period(d, p, k * 7))) {
        abort();
      }
    }
  }
  struct period p;
  if (period_parse(s, &p) == 0 && period_is_set(p)) {
    struct local_date anchor = {2024, 2, 29};
    if (p.quantity < 1 || p.quantity > PERIOD_MAX_QUANTITY || !ld_valid(ld_add_period(anchor, p, 1)) ||
        !ld_valid(ld_add_period(anchor, p, -1))) {
      abort();
    }
  }
  return 0;
}

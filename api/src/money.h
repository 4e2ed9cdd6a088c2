/* money.h: money is int64 minor units next to an ISO 4217 currency, never floating point. Rounding is half away
 * from zero, with 128-bit intermediates so that amount * rate cannot overflow. Pure, header-only. */
#ifndef PORTICO_MONEY_H
#define PORTICO_MONEY_H
#include <stdint.h>

typedef int64_t money_t;

/* Largest amount Portico accepts anywhere (10^13 minor units = 100 billion in a 2-decimal currency), so that
 * sums of up to 10^5 lines stay far from int64 overflow. */
#define MONEY_MAX 10000000000000LL

/* round(num / den) half away from zero; den > 0. */
static inline int64_t money_div_round(__int128 num, __int128 den)
{
  __int128 q = num / den, r = num % den;
  if (r < 0) {
    r = -r;
  }
  if (2 * r >= den) {
    q += num < 0 ? -1 : 1;
  }
  return (int64_t)q;
}

/* amount * basis_points / 10000, rounded half away from zero (1900 bp = 19 %). */
static inline money_t money_apply_bp(money_t amount, int basis_points)
{
  return money_div_round((__int128)amount * basis_points, 10000);
}

/* amount * part / whole, rounded half away from zero (proration: remaining days of period days). */
static inline money_t money_prorate(money_t amount, int64_t part, int64_t whole)
{
  return whole <= 0 ? 0 : money_div_round((__int128)amount * part, whole);
}

#endif

/* libFuzzer target: IBAN, VAT ID, creditor identifier and card parsers. Invariants: a valid IBAN's mask never
 * shows more than country + last 4; a valid VAT ID always maps to a country; normalisation is idempotent. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "payment_data.h"
#include "tax.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size > 80) {
    return 0;
  }
  char s[81];
  memcpy(s, data, size);
  s[size] = '\0';
  char n[40];
  if (iban_normalize(s, n, sizeof n) == 0 && iban_check(n) == IBAN_OK) {
    char m[40];
    iban_mask(n, m, sizeof m);
    if (strlen(m) > 2 + strlen("…") + 4) {
      abort();
    }
  }
  char v[32], v2[32];
  if (tax_vat_id_normalize(s, v, sizeof v) == 0) {
    if (tax_vat_id_normalize(v, v2, sizeof v2) != 0 || strcmp(v, v2) != 0) {
      abort();
    }
    if (tax_vat_id_valid(v) && !tax_vat_id_country(v)) {
      abort();
    }
  }
  creditor_id_valid(s);
  const char *brand;
  char last4[5];
  card_check(s, size % 14, 2000 + (int)(size % 120), 1796400000, &brand, last4);
  return 0;
}

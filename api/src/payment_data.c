/* payment_data.c: syntax and checksum rules of payment data, pure. The IBAN length table covers every country
 * of the SWIFT IBAN registry that SEPA customers use and more; unknown countries are refused, not guessed. */
#include "payment_data.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

struct iban_country {
  char code[3];
  int length;
};

static const struct iban_country IBAN_LENGTHS[] = {
  {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22}, {"BH", 22},
  {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"DO", 28},
  {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23},
  {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26},
  {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20},
  {"LV", 21}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18},
  {"NO", 15}, {"PK", 24}, {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24},
  {"SC", 31}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24},
  {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
};

int iban_normalize(const char *in, char *out, size_t cap)
{
  size_t n = 0;
  for (const char *p = in; p && *p; p++) {
    if (*p == ' ' || *p == '\t') {
      continue;
    }
    if (n + 1 >= cap || n >= 34) {
      return -1;
    }
    out[n++] = (char)toupper((unsigned char)*p);
  }
  out[n] = '\0';
  return 0;
}

/* The remainder mod 97 of the digits that s stands for (letters count as 10..35), starting from r. */
static int mod97(const char *s, size_t n, int r)
{
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (isdigit(c)) {
      r = (r * 10 + (c - '0')) % 97;
    } else {
      r = (r * 100 + (c - 'A' + 10)) % 97;
    }
  }
  return r;
}

enum iban_status iban_check(const char *s)
{
  size_t n = strlen(s);
  if (n < 5) {
    return IBAN_WRONG_LENGTH;
  }
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!isdigit(c) && !(c >= 'A' && c <= 'Z')) {
      return IBAN_BAD_CHARACTERS;
    }
  }
  if (!isupper((unsigned char)s[0]) || !isupper((unsigned char)s[1]) || !isdigit((unsigned char)s[2]) ||
      !isdigit((unsigned char)s[3])) {
    return IBAN_BAD_CHARACTERS;
  }
  int length = 0;
  for (size_t i = 0; i < sizeof IBAN_LENGTHS / sizeof IBAN_LENGTHS[0]; i++) {
    if (strncmp(IBAN_LENGTHS[i].code, s, 2) == 0) {
      length = IBAN_LENGTHS[i].length;
    }
  }
  if (!length) {
    return IBAN_UNKNOWN_COUNTRY;
  }
  if ((int)n != length) {
    return IBAN_WRONG_LENGTH;
  }
  int r = mod97(s + 4, n - 4, 0);
  r = mod97(s, 4, r);
  return r == 1 ? IBAN_OK : IBAN_BAD_CHECKSUM;
}

void iban_mask(const char *s, char *out, size_t cap)
{
  size_t n = strlen(s);
  if (n < 8) {
    snprintf(out, cap, "****");
    return;
  }
  snprintf(out, cap, "%.2s…%s", s, s + n - 4);
}

int creditor_id_valid(const char *id)
{
  size_t n = id ? strlen(id) : 0;
  if (n < 8 || n > 35 || !isupper((unsigned char)id[0]) || !isupper((unsigned char)id[1]) ||
      !isdigit((unsigned char)id[2]) || !isdigit((unsigned char)id[3])) {
    return 0;
  }
  for (size_t i = 4; i < n; i++) {
    if (!isdigit((unsigned char)id[i]) && !isupper((unsigned char)id[i])) {
      return 0;
    }
  }
  if (strncmp(id, "DE", 2) == 0 && n != 18) {
    return 0;
  }
  /* Check digits over national id + country + check digits; the 3-character business code is skipped. */
  int r = mod97(id + 7, n - 7, 0);
  r = mod97(id, 4, r);
  return r == 1;
}

int mandate_reference(const char *id, char *out, size_t cap)
{
  char body[17];
  size_t n = 0;
  for (const char *p = id; p && *p && n < 16; p++) {
    if (isalnum((unsigned char)*p)) {
      body[n++] = (char)toupper((unsigned char)*p);
    }
  }
  body[n] = '\0';
  if (n < 8 || cap < 21) {
    return -1;
  }
  snprintf(out, cap, "PTC-%s", body);
  return 0;
}

enum card_status card_check(const char *number, int exp_month, int exp_year, instant_t now, const char **brand,
                            char last4[5])
{
  char d[20];
  size_t n = 0;
  for (const char *p = number; p && *p; p++) {
    if (*p == ' ' || *p == '-') {
      continue;
    }
    if (!isdigit((unsigned char)*p) || n >= 19) {
      return CARD_BAD_NUMBER;
    }
    d[n++] = *p;
  }
  if (n < 12) {
    return CARD_BAD_NUMBER;
  }
  int sum = 0;
  for (size_t i = 0; i < n; i++) {
    int v = d[n - 1 - i] - '0';
    if (i % 2 == 1) {
      v *= 2;
      if (v > 9) {
        v -= 9;
      }
    }
    sum += v;
  }
  if (sum % 10 != 0) {
    return CARD_BAD_CHECKSUM;
  }
  if (exp_month < 1 || exp_month > 12 || exp_year < 2000 || exp_year > 2099) {
    return CARD_BAD_EXPIRY;
  }
  int64_t days = now >= 0 ? now / 86400 : (now - 86399) / 86400;
  int y, m, dd;
  civil_from_days(days, &y, &m, &dd);
  if (exp_year < y || (exp_year == y && exp_month < m)) {
    return CARD_EXPIRED;
  }
  int p2 = (d[0] - '0') * 10 + (d[1] - '0');
  int p4 = p2 * 100 + (d[2] - '0') * 10 + (d[3] - '0');
  *brand = d[0] == '4' ? "visa" : (p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720) ? "mastercard"
         : (p2 == 34 || p2 == 37) ? "amex" : "card";
  memcpy(last4, d + n - 4, 4);
  last4[4] = '\0';
  return CARD_OK;
}

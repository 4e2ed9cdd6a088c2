/* tax.c: which VAT applies to a customer (DESIGN §5) and whether a VAT ID is well-formed. Pure and table-driven:
 * the EU rate table is passed in (it lives in the database, shipped by a migration); the VAT ID syntax table below
 * follows the EU Commission's VIES format list. A small pattern language keeps each country on one line:
 * d = digit, l = letter, x = letter or digit, c = letter, digit, '+' or '*'; upper case = that character. */
#include "tax.h"
#include <ctype.h>
#include <string.h>

static const char *const EU[] = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
                                 "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};

static const char *const COUNTRIES =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO "
  "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR "
  "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO "
  "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV "
  "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

struct vat_format {
  const char *prefix;
  const char *country;
  const char *patterns[4];
};

static const struct vat_format FORMATS[] = {
  {"AT", "AT", {"Udddddddd"}},
  {"BE", "BE", {"0ddddddddd", "1ddddddddd"}},
  {"BG", "BG", {"ddddddddd", "dddddddddd"}},
  {"CY", "CY", {"ddddddddl"}},
  {"CZ", "CZ", {"dddddddd", "ddddddddd", "dddddddddd"}},
  {"DE", "DE", {"ddddddddd"}},
  {"DK", "DK", {"dddddddd"}},
  {"EE", "EE", {"ddddddddd"}},
  {"EL", "GR", {"ddddddddd"}},
  {"ES", "ES", {"ldddddddx", "ddddddddl"}},
  {"FI", "FI", {"dddddddd"}},
  {"FR", "FR", {"xxddddddddd"}},
  {"HR", "HR", {"ddddddddddd"}},
  {"HU", "HU", {"dddddddd"}},
  {"IE", "IE", {"dddddddl", "dddddddll", "dcdddddl"}},
  {"IT", "IT", {"ddddddddddd"}},
  {"LT", "LT", {"ddddddddd", "dddddddddddd"}},
  {"LU", "LU", {"dddddddd"}},
  {"LV", "LV", {"ddddddddddd"}},
  {"MT", "MT", {"dddddddd"}},
  {"NL", "NL", {"dddddddddBdd"}},
  {"PL", "PL", {"dddddddddd"}},
  {"PT", "PT", {"ddddddddd"}},
  {"RO", "RO", {"dd", "ddddd", "dddddddd", "dddddddddd"}}, /* 2..10 digits: checked by range below */
  {"SE", "SE", {"dddddddddd01"}},
  {"SI", "SI", {"dddddddd"}},
  {"SK", "SK", {"dddddddddd"}},
  {"XI", "GB", {"ddddddddd", "dddddddddddd", "GDddd", "HAddd"}},
};

int tax_is_eu_country(const char *c)
{
  for (size_t i = 0; c && i < sizeof EU / sizeof EU[0]; i++) {
    if (strcmp(EU[i], c) == 0) {
      return 1;
    }
  }
  return 0;
}

int tax_is_country(const char *c)
{
  if (!c || strlen(c) != 2 || !isupper((unsigned char)c[0]) || !isupper((unsigned char)c[1])) {
    return 0;
  }
  for (const char *p = COUNTRIES; *p; p += p[2] ? 3 : 2) {
    if (p[0] == c[0] && p[1] == c[1]) {
      return 1;
    }
  }
  return 0;
}

int tax_vat_id_normalize(const char *in, char *out, size_t cap)
{
  size_t n = 0;
  for (const char *p = in; p && *p; p++) {
    if (*p == ' ' || *p == '.' || *p == '-' || *p == '\t') {
      continue;
    }
    if (n + 1 >= cap || n >= 20) {
      return -1;
    }
    out[n++] = (char)toupper((unsigned char)*p);
  }
  out[n] = '\0';
  return 0;
}

static int matches(const char *pattern, const char *s)
{
  size_t n = strlen(pattern);
  if (strlen(s) != n) {
    return 0;
  }
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (pattern[i]) {
    case 'd': if (!isdigit(c)) return 0; break;
    case 'l': if (!isupper(c)) return 0; break;
    case 'x': if (!isdigit(c) && !isupper(c)) return 0; break;
    case 'c': if (!isdigit(c) && !isupper(c) && c != '+' && c != '*') return 0; break;
    default: if (c != (unsigned char)pattern[i]) return 0;
    }
  }
  return 1;
}

static const struct vat_format *format_of(const char *id)
{
  if (!id || strlen(id) < 4) {
    return NULL;
  }
  for (size_t i = 0; i < sizeof FORMATS / sizeof FORMATS[0]; i++) {
    if (strncmp(id, FORMATS[i].prefix, 2) == 0) {
      return &FORMATS[i];
    }
  }
  return NULL;
}

int tax_vat_id_valid(const char *id)
{
  const struct vat_format *f = format_of(id);
  if (!f) {
    return 0;
  }
  const char *body = id + 2;
  if (strcmp(f->prefix, "RO") == 0) {
    size_t n = strlen(body);
    return n >= 2 && n <= 10 && strspn(body, "0123456789") == n;
  }
  for (int i = 0; i < 4 && f->patterns[i]; i++) {
    if (f->patterns[i][0] && matches(f->patterns[i], body)) {
      return 1;
    }
  }
  return 0;
}

const char *tax_vat_id_country(const char *id)
{
  const struct vat_format *f = format_of(id);
  return f ? f->country : NULL;
}

static const struct vat_rate *rate_of(const struct vat_rate *t, size_t n, const char *country)
{
  for (size_t i = 0; i < n; i++) {
    if (strcmp(t[i].country, country) == 0) {
      return &t[i];
    }
  }
  return NULL;
}

static void set_rates(struct tax_decision *out, const struct vat_rate *r)
{
  memcpy(out->rate_country, r->country, 3);
  out->rate_bp[TAX_STANDARD] = r->standard_bp;
  out->rate_bp[TAX_REDUCED] = r->reduced_bp;
  out->rate_bp[TAX_EXEMPT] = 0;
}

enum tax_status tax_decide(const struct vat_rate *table, size_t n, const struct tax_input *in,
                           struct tax_decision *out)
{
  memset(out, 0, sizeof *out);
  const char *merchant = in->merchant_country;
  const char *customer = in->customer_country && *in->customer_country ? in->customer_country : merchant;
  if (!tax_is_eu_country(merchant) || !tax_is_country(customer)) {
    return TAX_UNKNOWN_COUNTRY;
  }
  char vat[32] = "";
  int has_vat_id = in->customer_vat_id && *in->customer_vat_id;
  if (has_vat_id) {
    if (tax_vat_id_normalize(in->customer_vat_id, vat, sizeof vat) != 0 || !tax_vat_id_valid(vat)) {
      return TAX_VAT_ID_INVALID;
    }
    const char *vc = tax_vat_id_country(vat);
    if (strcmp(vc, customer) != 0) {
      return TAX_VAT_ID_COUNTRY_MISMATCH;
    }
  }
  if (!tax_is_eu_country(customer)) {
    out->treatment = TAX_OUTSIDE_EU;
    out->note_key = "invoice.note.outsideEu";
    return TAX_OK;
  }
  const struct vat_rate *home = rate_of(table, n, merchant);
  if (!home) {
    return TAX_NO_RATE;
  }
  if (strcmp(customer, merchant) == 0) {
    out->treatment = TAX_DOMESTIC;
    set_rates(out, home);
    return TAX_OK;
  }
  if (has_vat_id && (!in->require_confirmation || in->vat_id_confirmed)) {
    out->treatment = TAX_REVERSE_CHARGE;
    out->note_key = "invoice.note.reverseCharge";
    return TAX_OK;
  }
  const struct vat_rate *dest = rate_of(table, n, customer);
  if (!dest) {
    return TAX_NO_RATE;
  }
  out->treatment = TAX_OSS;
  set_rates(out, dest);
  return TAX_OK;
}

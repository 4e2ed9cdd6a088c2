/* tax.h: the VAT decision (domestic, reverse charge, OSS destination rate, outside the EU) and VAT ID syntax. */
#ifndef PORTICO_TAX_H
#define PORTICO_TAX_H
#include <stddef.h>

enum tax_category { TAX_STANDARD = 0, TAX_REDUCED, TAX_EXEMPT };
enum tax_treatment { TAX_DOMESTIC = 0, TAX_REVERSE_CHARGE, TAX_OSS, TAX_OUTSIDE_EU };

/* One row of the EU rate table (shipped as a migration, loaded by the caller). */
struct vat_rate {
  char country[3];  /* ISO 3166-1 alpha-2 (GR for Greece) */
  int standard_bp;  /* 1900 = 19 % */
  int reduced_bp;
};

struct tax_input {
  const char *merchant_country;  /* ISO alpha-2, an EU member state */
  const char *customer_country;  /* ISO alpha-2; NULL/"" = merchant's country */
  const char *customer_vat_id;   /* as entered, or NULL */
  int require_confirmation;      /* a VIES adapter is configured: format alone is not enough */
  int vat_id_confirmed;          /* VIES confirmed the ID (its proof is stored by the caller) */
};

struct tax_decision {
  enum tax_treatment treatment;
  char rate_country[3];          /* whose rates apply ("" outside the EU and for reverse charge) */
  int rate_bp[3];                /* by tax_category */
  const char *note_key;          /* i18n key of the invoice note, or NULL */
};

enum tax_status { TAX_OK = 0, TAX_UNKNOWN_COUNTRY, TAX_NO_RATE, TAX_VAT_ID_INVALID, TAX_VAT_ID_COUNTRY_MISMATCH };

/* Decides per DESIGN §5. TAX_VAT_ID_INVALID / _COUNTRY_MISMATCH when a VAT ID was given but is malformed or
 * belongs to another country than the customer's (the caller reports it as a field error). */
enum tax_status tax_decide(const struct vat_rate *table, size_t n, const struct tax_input *in,
                           struct tax_decision *out);

/* 1 for the 27 EU member states (GR, not EL). */
int tax_is_eu_country(const char *iso2);
/* 1 for an ISO 3166-1 alpha-2 code in use. */
int tax_is_country(const char *iso2);
/* Normalises a VAT ID (drops spaces, dots, dashes; upper case) into out (cap >= 16). 0, or -1 if too long. */
int tax_vat_id_normalize(const char *in, char *out, size_t cap);
/* 1 when the normalised ID matches its country prefix's syntax (all EU prefixes, EL for Greece, XI). */
int tax_vat_id_valid(const char *normalized);
/* The ISO country of a VAT ID prefix ("EL" -> "GR", "XI" -> "GB"), or NULL. */
const char *tax_vat_id_country(const char *normalized);

#endif

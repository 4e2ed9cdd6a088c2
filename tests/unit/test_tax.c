/* Unit tests of tax.c: the VAT decision for every treatment, and VAT ID syntax for every EU prefix (EL for Greece,
 * XI for Northern Ireland) with normalisation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "tax.h"

static const struct vat_rate RATES[] = {
  {"DE", 1900, 700}, {"AT", 2000, 1000}, {"FR", 2000, 550}, {"GR", 2400, 1300}, {"HU", 2700, 500}, {"LU", 1700, 800},
};

static enum tax_status decide(const char *merchant, const char *customer, const char *vat, int need_conf, int conf,
                              struct tax_decision *d)
{
  struct tax_input in = {merchant, customer, vat, need_conf, conf};
  return tax_decide(RATES, sizeof RATES / sizeof RATES[0], &in, d);
}

static void test_domestic(void **state)
{
  struct tax_decision d;
  assert_int_equal(decide("DE", "DE", NULL, 0, 0, &d), TAX_OK);
  assert_int_equal(d.treatment, TAX_DOMESTIC);
  assert_int_equal(d.rate_bp[TAX_STANDARD], 1900);
  assert_int_equal(d.rate_bp[TAX_REDUCED], 700);
  assert_int_equal(d.rate_bp[TAX_EXEMPT], 0);
  assert_null(d.note_key);
  /* a German business with a VAT ID still pays German VAT */
  assert_int_equal(decide("DE", "DE", "DE123456789", 0, 0, &d), TAX_OK);
  assert_int_equal(d.treatment, TAX_DOMESTIC);
  /* no customer country: the merchant's */
  assert_int_equal(decide("DE", NULL, NULL, 0, 0, &d), TAX_OK);
  assert_int_equal(d.treatment, TAX_DOMESTIC);
}

static void test_reverse_charge_with_valid_vat_id(void **state)
{
  struct tax_decision d;
  assert_int_equal(decide("DE", "AT", "ATU12345678", 0, 0, &d), TAX_OK);
  assert_int_equal(d.treatment, TAX_REVERSE_CHARGE);
  assert_int_equal(d.rate_bp[TAX_STANDARD], 0);
  assert_string_equal(d.note_key, "invoice.note.reverseCharge");
  assert_int_equal(decide("DE", "GR", "EL 123 456 789", 0, 0, &d), TAX_OK);
  assert_int_equal(d.treatment, TAX_REVERSE_CHARGE);
  assert_int_equal(decide("DE", "FR", "fr.12.345678901", 0, 0, &d), TAX_OK);
  assert_int_equal(d.treatment, TAX_REVERSE_CHARGE);
}

static void test_reverse_charge_waits_for_vies_when_configured(void **state)
{
  struct tax_decision d;
  assert_int_equal(decide("DE", "AT", "ATU12345678", 1, 0, &d), TAX_OK);
  assert_int_equal(d.treatment, TAX_OSS);
  assert_int_equal(d.rate_bp[TAX_STANDARD], 2000);
  assert_int_equal(decide("DE", "AT", "ATU12345678", 1, 1, &d), TAX_OK);
  assert_int_equal(d.treatment, TAX_REVERSE_CHARGE);
}

static void test_oss_destination_rate_without_vat_id(void **state)
{
  struct tax_decision d;
  assert_int_equal(decide("DE", "HU", NULL, 0, 0, &d), TAX_OK);
  assert_int_equal(d.treatment, TAX_OSS);
  assert_string_equal(d.rate_country, "HU");
  assert_int_equal(d.rate_bp[TAX_STANDARD], 2700);
  assert_int_equal(d.rate_bp[TAX_REDUCED], 500);
  assert_int_equal(decide("DE", "GR", "", 0, 0, &d), TAX_OK);
  assert_int_equal(d.rate_bp[TAX_STANDARD], 2400);
  assert_int_equal(decide("DE", "IT", NULL, 0, 0, &d), TAX_NO_RATE); /* not in this test's table */
}

static void test_outside_eu(void **state)
{
  struct tax_decision d;
  static const char *outside[] = {"US", "CH", "GB", "NO", "JP"};
  for (size_t i = 0; i < 5; i++) {
    assert_int_equal(decide("DE", outside[i], NULL, 0, 0, &d), TAX_OK);
    assert_int_equal(d.treatment, TAX_OUTSIDE_EU);
    assert_int_equal(d.rate_bp[TAX_STANDARD], 0);
    assert_string_equal(d.note_key, "invoice.note.outsideEu");
  }
  /* XI (Northern Ireland) IDs belong to GB customers: services to them are outside the EU */
  assert_int_equal(decide("DE", "GB", "XI123456789", 0, 0, &d), TAX_OK);
  assert_int_equal(d.treatment, TAX_OUTSIDE_EU);
}

static void test_refusals(void **state)
{
  struct tax_decision d;
  assert_int_equal(decide("DE", "XX", NULL, 0, 0, &d), TAX_UNKNOWN_COUNTRY);
  assert_int_equal(decide("DE", "de", NULL, 0, 0, &d), TAX_UNKNOWN_COUNTRY);
  assert_int_equal(decide("US", "DE", NULL, 0, 0, &d), TAX_UNKNOWN_COUNTRY);
  assert_int_equal(decide("DE", "AT", "ATU1234567", 0, 0, &d), TAX_VAT_ID_INVALID);
  assert_int_equal(decide("DE", "FR", "DE123456789", 0, 0, &d), TAX_VAT_ID_COUNTRY_MISMATCH);
  assert_int_equal(decide("DE", "GR", "GR123456789", 0, 0, &d), TAX_VAT_ID_INVALID); /* Greece is EL */
}

struct vat_case {
  const char *id;
  int valid;
};

static const struct vat_case VAT_IDS[] = {
  {"ATU12345678", 1}, {"AT12345678", 0},    {"BE0123456789", 1},  {"BE1234567890", 1},  {"BE2234567890", 0},
  {"BG123456789", 1}, {"BG1234567890", 1},  {"BG12345678", 0},    {"CY12345678L", 1},   {"CY123456789", 0},
  {"CZ12345678", 1},  {"CZ1234567890", 1},  {"CZ1234567", 0},     {"DE123456789", 1},   {"DE12345678", 0},
  {"DE1234567890", 0},{"DK12345678", 1},    {"DK1234567", 0},     {"EE123456789", 1},   {"EL123456789", 1},
  {"EL12345678", 0},  {"ESX1234567X", 1},   {"ES12345678Z", 1},   {"ES123456789", 0},   {"FI12345678", 1},
  {"FRXX123456789", 1},{"FR12123456789", 1},{"FR1212345678", 0},  {"HR12345678901", 1}, {"HU12345678", 1},
  {"HU1234567", 0},   {"IE1234567T", 1},    {"IE1234567WA", 1},   {"IE1A23456T", 1},    {"IE123456", 0},
  {"IT12345678901", 1},{"IT1234567890", 0}, {"LT123456789", 1},   {"LT123456789012", 1},{"LT1234567890", 0},
  {"LU12345678", 1},  {"LV12345678901", 1}, {"MT12345678", 1},    {"NL123456789B01", 1},{"NL123456789A01", 0},
  {"PL1234567890", 1},{"PT123456789", 1},   {"RO12", 1},          {"RO1234567890", 1},  {"RO1", 0},
  {"RO12345678901", 0},{"SE123456789001", 1},{"SE123456789002", 0},{"SI12345678", 1},   {"SK1234567890", 1},
  {"XI123456789", 1}, {"XIGD123", 1},       {"XIHA123", 1},       {"XI12345", 0},       {"GB123456789", 0},
  {"US123456789", 0}, {"", 0},              {"DE", 0},            {"DE12345678X", 0},
};

static void test_vat_id_syntax_per_country(void **state)
{
  for (size_t i = 0; i < sizeof VAT_IDS / sizeof VAT_IDS[0]; i++) {
    if (tax_vat_id_valid(VAT_IDS[i].id) != VAT_IDS[i].valid) {
      fail_msg("VAT ID %s should be %s", VAT_IDS[i].id, VAT_IDS[i].valid ? "valid" : "invalid");
    }
  }
  assert_string_equal(tax_vat_id_country("EL123456789"), "GR");
  assert_string_equal(tax_vat_id_country("XI123456789"), "GB");
  assert_null(tax_vat_id_country("ZZ123"));
}

static void test_vat_id_normalisation(void **state)
{
  char out[32];
  assert_int_equal(tax_vat_id_normalize(" de 123.456-789 ", out, sizeof out), 0);
  assert_string_equal(out, "DE123456789");
  assert_int_equal(tax_vat_id_normalize("nl123456789b01", out, sizeof out), 0);
  assert_string_equal(out, "NL123456789B01");
  assert_int_equal(tax_vat_id_normalize("DE1234567890123456789012", out, sizeof out), -1);
}

static void test_eu_membership(void **state)
{
  static const char *eu[] = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
                             "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
  for (size_t i = 0; i < 27; i++) {
    assert_true(tax_is_eu_country(eu[i]));
    assert_true(tax_is_country(eu[i]));
  }
  assert_false(tax_is_eu_country("EL"));
  assert_false(tax_is_eu_country("GB"));
  assert_false(tax_is_eu_country("CH"));
  assert_true(tax_is_country("ZW"));
  assert_true(tax_is_country("AD"));
  assert_false(tax_is_country("ZZ"));
  assert_false(tax_is_country("D"));
  assert_false(tax_is_country("DEU"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_domestic),
    cmocka_unit_test(test_reverse_charge_with_valid_vat_id),
    cmocka_unit_test(test_reverse_charge_waits_for_vies_when_configured),
    cmocka_unit_test(test_oss_destination_rate_without_vat_id),
    cmocka_unit_test(test_outside_eu),
    cmocka_unit_test(test_refusals),
    cmocka_unit_test(test_vat_id_syntax_per_country),
    cmocka_unit_test(test_vat_id_normalisation),
    cmocka_unit_test(test_eu_membership),
  };
  return cmocka_run_group_tests_name("tax", tests, NULL, NULL);
}

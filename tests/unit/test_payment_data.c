/* Unit tests of payment_data.c: IBANs of many countries (MOD-97 and length), masking, SEPA creditor identifier,
 * mandate reference, card Luhn, brand and expiry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "payment_data.h"

static enum iban_status check(const char *raw)
{
  char n[40];
  if (iban_normalize(raw, n, sizeof n) != 0) {
    return IBAN_WRONG_LENGTH;
  }
  return iban_check(n);
}

static void test_valid_ibans(void **state)
{
  static const char *valid[] = {
    "DE89 3704 0044 0532 0130 00", "de89370400440532013000", "GB82WEST12345698765432",
    "FR1420041010050500013M02606", "NL91ABNA0417164300", "AT611904300234573201", "BE68539007547034",
    "CH9300762011623852957", "ES9121000418450200051332", "IT60X0542811101000000123456",
    "PL61109010140000071219812874", "NO9386011117947", "MT84MALT011000012345MTLCAST001S", "LU280019400644750000",
    "IE29AIBK93115212345678", "FI2112345600000785", "SE4550000000058398257466", "DK5000400440116243",
    "PT50000201231234567890154", "GR1601101250000000012300695",
  };
  for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
    if (check(valid[i]) != IBAN_OK) {
      fail_msg("IBAN %s refused (%d)", valid[i], check(valid[i]));
    }
  }
}

static void test_invalid_ibans(void **state)
{
  assert_int_equal(check("DE89370400440532013001"), IBAN_BAD_CHECKSUM);
  assert_int_equal(check("DE88370400440532013000"), IBAN_BAD_CHECKSUM);
  assert_int_equal(check("DE8937040044053201300"), IBAN_WRONG_LENGTH);
  assert_int_equal(check("DE893704004405320130000"), IBAN_WRONG_LENGTH);
  assert_int_equal(check("XX89370400440532013000"), IBAN_UNKNOWN_COUNTRY);
  assert_int_equal(check("DE89-3704-0044-0532-0130-00"), IBAN_BAD_CHARACTERS);
  assert_int_equal(check("DEXX370400440532013000"), IBAN_BAD_CHARACTERS);
  assert_int_equal(check("DE8"), IBAN_WRONG_LENGTH);
  assert_int_equal(check(""), IBAN_WRONG_LENGTH);
  assert_int_equal(check("DE89370400440532013000DE89370400440532013000"), IBAN_WRONG_LENGTH);
}

static void test_iban_mask_shows_country_and_last_four(void **state)
{
  char m[32];
  iban_mask("DE89370400440532013000", m, sizeof m);
  assert_string_equal(m, "DE…3000");
  assert_null(strstr(m, "3704"));
  iban_mask("DE8", m, sizeof m);
  assert_string_equal(m, "****");
}

static void test_creditor_identifier(void **state)
{
  assert_true(creditor_id_valid("DE98ZZZ09999999999"));
  assert_true(creditor_id_valid("DE98ABC09999999999")); /* the business code is not part of the check */
  assert_false(creditor_id_valid("DE97ZZZ09999999999"));
  assert_false(creditor_id_valid("DE98ZZZ0999999999"));
  assert_false(creditor_id_valid("de98ZZZ09999999999"));
  assert_false(creditor_id_valid(""));
  assert_false(creditor_id_valid(NULL));
}

static void test_mandate_reference(void **state)
{
  char ref[40];
  assert_int_equal(mandate_reference("3f2b9c1e-7a4d-4b8e-9f00-0123456789ab", ref, sizeof ref), 0);
  assert_string_equal(ref, "PTC-3F2B9C1E7A4D4B8E");
  assert_true(strlen(ref) <= 35);
  assert_int_equal(mandate_reference("abc", ref, sizeof ref), -1);
}

static const instant_t NOW = 1796400000; /* 2026-12-04 */

static void test_cards(void **state)
{
  const char *brand;
  char last4[5];
  assert_int_equal(card_check("4111 1111 1111 1111", 12, 2026, NOW, &brand, last4), CARD_OK);
  assert_string_equal(brand, "visa");
  assert_string_equal(last4, "1111");
  assert_int_equal(card_check("5555-5555-5555-4444", 1, 2030, NOW, &brand, last4), CARD_OK);
  assert_string_equal(brand, "mastercard");
  assert_int_equal(card_check("2223003122003222", 1, 2030, NOW, &brand, last4), CARD_OK);
  assert_string_equal(brand, "mastercard");
  assert_int_equal(card_check("378282246310005", 1, 2030, NOW, &brand, last4), CARD_OK);
  assert_string_equal(brand, "amex");
  assert_string_equal(last4, "0005");
  assert_int_equal(card_check("4111111111111112", 1, 2030, NOW, &brand, last4), CARD_BAD_CHECKSUM);
  assert_int_equal(card_check("4111", 1, 2030, NOW, &brand, last4), CARD_BAD_NUMBER);
  assert_int_equal(card_check("4111a11111111111", 1, 2030, NOW, &brand, last4), CARD_BAD_NUMBER);
  assert_int_equal(card_check("41111111111111111111", 1, 2030, NOW, &brand, last4), CARD_BAD_NUMBER);
  assert_int_equal(card_check("4111111111111111", 11, 2026, NOW, &brand, last4), CARD_EXPIRED);
  assert_int_equal(card_check("4111111111111111", 12, 2025, NOW, &brand, last4), CARD_EXPIRED);
  assert_int_equal(card_check("4111111111111111", 13, 2027, NOW, &brand, last4), CARD_BAD_EXPIRY);
  assert_int_equal(card_check("4111111111111111", 0, 2027, NOW, &brand, last4), CARD_BAD_EXPIRY);
  assert_int_equal(card_check(NULL, 1, 2027, NOW, &brand, last4), CARD_BAD_NUMBER);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_valid_ibans),
    cmocka_unit_test(test_invalid_ibans),
    cmocka_unit_test(test_iban_mask_shows_country_and_last_four),
    cmocka_unit_test(test_creditor_identifier),
    cmocka_unit_test(test_mandate_reference),
    cmocka_unit_test(test_cards),
  };
  return cmocka_run_group_tests_name("payment_data", tests, NULL, NULL);
}

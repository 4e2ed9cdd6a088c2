/* Unit tests of catalog.c (the pure field-table decoder/encoder) and settings.c (the settings validator):
 * defaults, every field type's refusals, immutability on update, unknown keys, and the JSON round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "catalog.h"
#include "settings.h"

static const char *code_of(const struct field_errors *fe, const char *field)
{
  size_t i;
  json_t *e;
  json_array_foreach(fe->list, i, e) {
    if (strcmp(json_string_value(json_object_get(e, "field")), field) == 0) {
      return json_string_value(json_object_get(e, "code"));
    }
  }
  return NULL;
}

static size_t index_of(const struct resource_spec *spec, const char *json)
{
  for (size_t i = 0; i < spec->n_fields; i++) {
    if (strcmp(spec->fields[i].json, json) == 0) {
      return i;
    }
  }
  fail_msg("no field %s", json);
  return 0;
}

static void test_variant_defaults_and_sql_text(void **state)
{
  json_t *body = json_loads("{\"planId\": \"3f2b9c1e-7a4d-4b8e-9f00-0123456789ab\", \"internalName\": \"m\","
                            " \"billingPeriod\": {\"unit\": \"year\", \"quantity\": 1},"
                            " \"feePeriod\": {\"unit\": \"month\", \"quantity\": 1}, \"recurringFee\": 990,"
                            " \"name\": {\"en\": \"Pro\", \"de\": \"Profi\"}, \"componentIds\": []}", 0, NULL);
  struct field_errors fe = {0};
  struct decoded d = {0};
  assert_int_equal(catalog_decode(&RES_PLAN_VARIANTS, body, 1, &fe, &d), 0);
  assert_false(field_errors_any(&fe));
  assert_string_equal(d.params[index_of(&RES_PLAN_VARIANTS, "billingPeriod")], "P1Y");
  assert_string_equal(d.params[index_of(&RES_PLAN_VARIANTS, "recurringFee")], "990");
  assert_string_equal(d.params[index_of(&RES_PLAN_VARIANTS, "setupFee")], "0");
  assert_string_equal(d.params[index_of(&RES_PLAN_VARIANTS, "paymentPeriodMode")], "prePaid");
  assert_string_equal(d.params[index_of(&RES_PLAN_VARIANTS, "allowSelfService")], "false");
  assert_string_equal(d.params[index_of(&RES_PLAN_VARIANTS, "name")], "{\"de\":\"Profi\",\"en\":\"Pro\"}");
  assert_string_equal(d.params[index_of(&RES_PLAN_VARIANTS, "componentIds")], "{}");
  assert_null(d.params[index_of(&RES_PLAN_VARIANTS, "trialPeriod")]);
  catalog_decoded_free(&RES_PLAN_VARIANTS, &d);
  json_decref(body);
}

static void test_every_bad_field_is_reported(void **state)
{
  json_t *body = json_loads("{\"planId\": \"nope\", \"internalName\": \"\", \"recurringFee\": -1,"
                            " \"setupFee\": 1.5, \"billingPeriod\": {\"unit\": \"month\", \"quantity\": 121},"
                            " \"consumer\": 1, \"paymentPeriodMode\": \"soon\", \"componentIds\": [\"x\"],"
                            " \"wat\": null}", 0, NULL);
  struct field_errors fe = {0};
  struct decoded d = {0};
  assert_int_equal(catalog_decode(&RES_PLAN_VARIANTS, body, 1, &fe, &d), -1);
  assert_string_equal(code_of(&fe, "planId"), "invalid_id");
  assert_string_equal(code_of(&fe, "internalName"), "invalid_length");
  assert_string_equal(code_of(&fe, "recurringFee"), "out_of_range");
  assert_string_equal(code_of(&fe, "setupFee"), "invalid_type");
  assert_string_equal(code_of(&fe, "billingPeriod"), "invalid_period");
  assert_string_equal(code_of(&fe, "consumer"), "invalid_type");
  assert_string_equal(code_of(&fe, "paymentPeriodMode"), "invalid_value");
  assert_string_equal(code_of(&fe, "componentIds[0]"), "invalid");
  assert_string_equal(code_of(&fe, "wat"), "unknown_field");
  assert_string_equal(code_of(&fe, "feePeriod"), "required");
  field_errors_clear(&fe);
  catalog_decoded_free(&RES_PLAN_VARIANTS, &d);
  json_decref(body);
}

static void test_update_refuses_immutable_and_readonly(void **state)
{
  json_t *body = json_loads("{\"code\": \"NEW\", \"redemptions\": 3, \"active\": false}", 0, NULL);
  struct field_errors fe = {0};
  struct decoded d = {0};
  assert_int_equal(catalog_decode(&RES_COUPONS, body, 0, &fe, &d), -1);
  assert_string_equal(code_of(&fe, "code"), "immutable");
  assert_string_equal(code_of(&fe, "redemptions"), "read_only");
  assert_null(code_of(&fe, "active"));
  assert_true(d.set[index_of(&RES_COUPONS, "active")]);
  assert_false(d.set[index_of(&RES_COUPONS, "duration")]); /* an update touches only what it names */
  field_errors_clear(&fe);
  catalog_decoded_free(&RES_COUPONS, &d);
  json_decref(body);
}

static void test_encode_round_trip(void **state)
{
  const char *values[32] = {0};
  values[index_of(&RES_COMPONENTS, "planGroupId")] = "3f2b9c1e-7a4d-4b8e-9f00-0123456789ab";
  values[index_of(&RES_COMPONENTS, "type")] = "onOff";
  values[index_of(&RES_COMPONENTS, "name")] = "{\"en\":\"Support\"}";
  values[index_of(&RES_COMPONENTS, "unitPrice")] = "1500";
  values[index_of(&RES_COMPONENTS, "feePeriod")] = "P3M";
  values[index_of(&RES_COMPONENTS, "showInSignup")] = "true";
  json_t *o = catalog_encode(&RES_COMPONENTS, "id-1", values, 1, "2026-12-04T00:00:00Z");
  assert_string_equal(json_string_value(json_object_get(o, "type")), "onOff");
  assert_int_equal(json_integer_value(json_object_get(o, "unitPrice")), 1500);
  json_t *fee = json_object_get(o, "feePeriod");
  assert_string_equal(json_string_value(json_object_get(fee, "unit")), "month");
  assert_int_equal(json_integer_value(json_object_get(fee, "quantity")), 3);
  assert_true(json_is_true(json_object_get(o, "showInSignup")));
  assert_true(json_is_null(json_object_get(o, "maxQuantity")));
  assert_true(json_is_true(json_object_get(o, "archived")));
  json_decref(o);
}

static void test_period_and_language_helpers(void **state)
{
  char iso[16];
  json_t *p = json_loads("{\"unit\": \"week\", \"quantity\": 2}", 0, NULL);
  assert_int_equal(catalog_period_from_json(p, iso, sizeof iso), 0);
  assert_string_equal(iso, "P2W");
  json_decref(p);
  static const char *bad[] = {"{\"unit\": \"week\"}", "{\"unit\": \"week\", \"quantity\": 2, \"x\": 1}",
                              "{\"unit\": \"hour\", \"quantity\": 2}", "{\"unit\": \"day\", \"quantity\": \"2\"}",
                              "[]", "{\"unit\": \"year\", \"quantity\": 11}"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    json_t *j = json_loads(bad[i], 0, NULL);
    assert_int_equal(catalog_period_from_json(j, iso, sizeof iso), -1);
    json_decref(j);
  }
  assert_true(catalog_language_valid("de"));
  assert_true(catalog_language_valid("pt-BR"));
  assert_false(catalog_language_valid("DE"));
  assert_false(catalog_language_valid("deu"));
  assert_false(catalog_language_valid("pt_BR"));
  assert_true(catalog_currency_valid("EUR"));
  assert_false(catalog_currency_valid("eur"));
  assert_false(catalog_currency_valid("XXX"));
}

static void test_settings_defaults_are_valid(void **state)
{
  json_t *d = settings_defaults();
  struct field_errors fe = {0};
  settings_validate(d, &fe);
  if (field_errors_any(&fe)) {
    char *s = json_dumps(fe.list, 0);
    fail_msg("defaults invalid: %s", s);
  }
  json_decref(d);
}

static void test_settings_merge_and_refusals(void **state)
{
  json_t *in = json_loads("{\"theme\": {\"primaryColor\": \"#abc\"}, \"portalAreas\": {\"cancel\": \"hidden\"},"
                          " \"allowedEmbedOrigins\": [\"https://a.example\", \"https://a.example/x\"],"
                          " \"merchant\": {\"vatId\": \"FR12345678901\"}}", 0, NULL);
  json_t *doc = settings_merge(in);
  assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "theme"), "primaryColor")), "#abc");
  assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "theme"), "textColor")), "#1b1f24");
  struct field_errors fe = {0};
  settings_validate(doc, &fe);
  assert_string_equal(code_of(&fe, "allowedEmbedOrigins[1]"), "invalid_origin");
  assert_null(code_of(&fe, "allowedEmbedOrigins[0]"));
  assert_string_equal(code_of(&fe, "merchant.vatId"), "invalid_vat_id"); /* a French ID for a German merchant */
  assert_int_equal(json_array_size(fe.list), 2);
  field_errors_clear(&fe);
  json_decref(doc);
  json_decref(in);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_variant_defaults_and_sql_text),
    cmocka_unit_test(test_every_bad_field_is_reported),
    cmocka_unit_test(test_update_refuses_immutable_and_readonly),
    cmocka_unit_test(test_encode_round_trip),
    cmocka_unit_test(test_period_and_language_helpers),
    cmocka_unit_test(test_settings_defaults_are_valid),
    cmocka_unit_test(test_settings_merge_and_refusals),
  };
  return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}

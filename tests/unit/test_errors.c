/* Unit tests of errors.c: the exact error shape of DESIGN §7 and field collection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "errors.h"

static void test_error_body_shape(void **state)
{
  json_t *j = error_body("not_found", "No such contract.", NULL);
  char *s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
  assert_string_equal(s, "{\"error\":{\"code\":\"not_found\",\"message\":\"No such contract.\"}}");
  free(s);
  json_decref(j);
}

static void test_fields_are_all_listed_in_order(void **state)
{
  struct field_errors fe = {0};
  assert_false(field_errors_any(&fe));
  field_errors_add(&fe, "customer.email", "required");
  field_errors_add_msg(&fe, "cart.planVariantId", "unknown", "no such plan variant");
  assert_true(field_errors_any(&fe));
  json_t *j = error_body("validation_failed", "Some fields are invalid.", fe.list);
  char *s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
  assert_string_equal(s, "{\"error\":{\"code\":\"validation_failed\",\"fields\":["
                         "{\"code\":\"required\",\"field\":\"customer.email\"},"
                         "{\"code\":\"unknown\",\"field\":\"cart.planVariantId\",\"message\":\"no such plan variant\"}],"
                         "\"message\":\"Some fields are invalid.\"}}");
  free(s);
  json_decref(j);
  field_errors_clear(&fe);
  assert_false(field_errors_any(&fe));
}

static void test_empty_fields_are_omitted_and_nulls_are_safe(void **state)
{
  json_t *empty = json_array();
  json_t *j = error_body(NULL, NULL, empty);
  json_t *err = json_object_get(j, "error");
  assert_string_equal(json_string_value(json_object_get(err, "code")), "internal_error");
  assert_string_equal(json_string_value(json_object_get(err, "message")), "");
  assert_null(json_object_get(err, "fields"));
  json_decref(j);
  json_decref(empty);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_error_body_shape),
    cmocka_unit_test(test_fields_are_all_listed_in_order),
    cmocka_unit_test(test_empty_fields_are_omitted_and_nulls_are_safe),
  };
  return cmocka_run_group_tests_name("errors", tests, NULL, NULL);
}

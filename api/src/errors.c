/* errors.c: builds the error body every failing request answers with, and collects field errors.
 * Pure: no HTTP, no I/O. The HTTP layer (http.c) pairs these bodies with a status code in one place. */
#include "errors.h"
#include <stdio.h>
#include <string.h>

/* One error per field (the first found): a form shows one message per input. */
static int has_field(const struct field_errors *fe, const char *field)
{
  size_t i;
  json_t *e;
  json_array_foreach(fe->list, i, e) {
    if (strcmp(json_string_value(json_object_get(e, "field")), field) == 0) {
      return 1;
    }
  }
  return 0;
}

void field_errors_add_msg(struct field_errors *fe, const char *field, const char *code, const char *message)
{
  if (!fe->list) {
    fe->list = json_array();
  }
  if (has_field(fe, field)) {
    return;
  }
  json_t *j = json_pack("{s:s, s:s}", "field", field, "code", code);
  if (message && j) {
    json_object_set_new(j, "message", json_string(message));
  }
  if (j) {
    json_array_append_new(fe->list, j);
  }
}

void field_errors_add(struct field_errors *fe, const char *field, const char *code)
{
  field_errors_add_msg(fe, field, code, NULL);
}

int field_errors_any(const struct field_errors *fe)
{
  return fe->list && json_array_size(fe->list) > 0;
}

void field_errors_clear(struct field_errors *fe)
{
  json_decref(fe->list);
  fe->list = NULL;
}

json_t *error_body(const char *code, const char *message, const json_t *fields)
{
  json_t *err = json_pack("{s:s, s:s}", "code", code ? code : "internal_error",
                          "message", message ? message : "");
  if (!err) {
    return NULL;
  }
  if (fields && json_array_size(fields) > 0) {
    json_object_set_new(err, "fields", json_deep_copy(fields));
  }
  return json_pack("{s:o}", "error", err);
}

void field_errors_unknown_keys(struct field_errors *fe, const json_t *obj, const char *prefix,
                               const char *const *allowed)
{
  const char *k;
  json_t *v;
  json_object_foreach((json_t *)obj, k, v) {
    int ok = 0;
    for (int i = 0; allowed[i] && !ok; i++) {
      ok = strcmp(allowed[i], k) == 0;
    }
    if (!ok) {
      char f[160];
      snprintf(f, sizeof f, "%s%s%s", prefix ? prefix : "", prefix && *prefix ? "." : "", k);
      field_errors_add(fe, f, "unknown_field");
    }
  }
}

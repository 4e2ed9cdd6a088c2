/* errors.h: the one error shape of the API (DESIGN §7) as pure JSON values, and a collector for field errors. */
#ifndef PORTICO_ERRORS_H
#define PORTICO_ERRORS_H
#include <jansson.h>

/* Collects every failing field of a request before the answer is sent, so a form can show all errors at once. */
struct field_errors {
  json_t *list; /* array of {field, code[, message]}; NULL until the first error */
};

void field_errors_add(struct field_errors *fe, const char *field, const char *code);
void field_errors_add_msg(struct field_errors *fe, const char *field, const char *code, const char *message);
int field_errors_any(const struct field_errors *fe);
void field_errors_clear(struct field_errors *fe);

/* Adds "unknown_field" for every key of obj not in allowed (NULL-terminated); fields are named prefix.key. */
void field_errors_unknown_keys(struct field_errors *fe, const json_t *obj, const char *prefix,
                               const char *const *allowed);

/* {"error": {"code", "message"[, "fields"]}}; `fields` is borrowed (may be NULL). Caller decrefs the result. */
json_t *error_body(const char *code, const char *message, const json_t *fields);

#endif

/* settings.h: the merchant's self-service settings, one JSON document validated as a whole. */
#ifndef PORTICO_SETTINGS_H
#define PORTICO_SETTINGS_H
#include <jansson.h>
#include "errors.h"

/* The defaults (a new document; caller decrefs). */
json_t *settings_defaults(void);
/* defaults <- doc, one level deep for objects (a PUT may omit whole sections). New reference; caller decrefs. */
json_t *settings_merge(const json_t *doc);
/* Validates a complete document: types, ranges, unknown keys at every level. Adds every problem to fe. */
void settings_validate(const json_t *doc, struct field_errors *fe);

#endif

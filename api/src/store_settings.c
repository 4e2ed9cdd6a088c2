/* store_settings.c: the one settings row (id 1), read and replaced as a whole. */
#include "store.h"
#include <stdlib.h>

static const struct db_stmt GET_SETTINGS = {"settings_get", "SELECT document::text FROM settings WHERE id = 1", 1};
static const struct db_stmt PUT_SETTINGS = {NULL,
  "INSERT INTO settings (id, document) VALUES (1, $1::jsonb) "
  "ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, updated_at = now()", 0};

enum db_status store_settings_get(json_t **out)
{
  struct db_result *r = NULL;
  *out = NULL;
  enum db_status st = db_exec(&GET_SETTINGS, 0, NULL, &r);
  if (st == DB_OK && db_rows(r) == 1) {
    *out = json_loads(db_value(r, 0, 0), 0, NULL);
  }
  db_result_free(r);
  return st;
}

enum db_status store_settings_put(const json_t *doc)
{
  char *text = json_dumps(doc, JSON_COMPACT);
  if (!text) {
    return DB_ERROR;
  }
  const char *params[] = {text};
  enum db_status st = db_exec(&PUT_SETTINGS, 1, params, NULL);
  free(text);
  return st;
}

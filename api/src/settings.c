/* settings.c: defaults and validation of the self-service settings document: merchant identity and time zone,
 * theme, signup address fields (mandatory|optional|hidden), coupon field, terms, portal token validity, portal
 * areas (hidden|read|write), allowed embed origins, translation overrides and enabled languages.
 * Unknown keys are refused at every level so a typo never silently does nothing. Pure: no I/O. */
#include "settings.h"
#include "catalog.h"
#include "payment_data.h"
#include "tax.h"
#include "tz.h"
#include "validate.h"
#include <stdio.h>
#include <string.h>

static const char DEFAULTS[] =
  "{\"merchant\": {\"name\": \"Portico\", \"email\": null, \"address\": {\"street\": \"\", \"houseNumber\": \"\","
  " \"postalCode\": \"\", \"city\": \"\"}, \"country\": \"DE\", \"vatId\": null, \"creditorId\": null,"
  " \"timeZone\": \"Europe/Berlin\", \"defaultLanguage\": \"de\", \"currency\": \"EUR\"},"
  " \"theme\": {\"logoUrl\": null, \"primaryColor\": \"#0b5cad\", \"backgroundColor\": \"#ffffff\","
  " \"textColor\": \"#1b1f24\", \"fontFamily\": \"system-ui, sans-serif\"},"
  " \"signupFields\": {\"companyName\": \"optional\", \"vatId\": \"optional\", \"phone\": \"hidden\","
  " \"street\": \"mandatory\", \"houseNumber\": \"mandatory\", \"addressLine1\": \"hidden\","
  " \"addressLine2\": \"hidden\", \"postalCode\": \"mandatory\", \"city\": \"mandatory\", \"country\": \"mandatory\"},"
  " \"couponField\": true, \"terms\": [], \"portalTokenValidityMinutes\": 1440,"
  " \"portalAreas\": {\"contract\": \"read\", \"components\": \"read\", \"invoices\": \"read\","
  " \"address\": \"write\", \"payment\": \"write\", \"cancel\": \"write\"},"
  " \"allowedEmbedOrigins\": [], \"translations\": {}, \"enabledLanguages\": [\"de\", \"en\"]}";

json_t *settings_defaults(void)
{
  return json_loads(DEFAULTS, 0, NULL);
}

json_t *settings_merge(const json_t *doc)
{
  json_t *out = settings_defaults();
  const char *k;
  json_t *v;
  json_object_foreach((json_t *)doc, k, v) {
    json_t *d = json_object_get(out, k);
    if (json_is_object(d) && json_is_object(v) && strcmp(k, "translations") != 0) {
      json_object_update(d, v);
    } else {
      json_object_set(out, k, v);
    }
  }
  return out;
}

static void path(char *buf, size_t cap, const char *a, const char *b)
{
  snprintf(buf, cap, "%s.%s", a, b);
}

static const json_t *object_at(const json_t *doc, const char *key, struct field_errors *fe)
{
  const json_t *o = json_object_get(doc, key);
  if (!json_is_object(o)) {
    field_errors_add(fe, key, "invalid_type");
    return NULL;
  }
  return o;
}

static void text_at(const json_t *o, const char *prefix, const char *key, size_t max, int required, int nullable,
                    struct field_errors *fe)
{
  char f[160];
  path(f, sizeof f, prefix, key);
  const json_t *v = json_object_get(o, key);
  if (json_is_null(v) && nullable) {
    return;
  }
  if (!json_is_string(v)) {
    field_errors_add(fe, f, "invalid_type");
  } else if (!validate_text(json_string_value(v), max) || (required && !*json_string_value(v))) {
    field_errors_add(fe, f, required && !*json_string_value(v) ? "required" : "invalid_length");
  }
}

static int is_http_url(const char *s)
{
  return s && strlen(s) <= 500 && (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) &&
         strlen(s) > 10 && strpbrk(s, " \"'<>\\`") == NULL;
}

static int is_origin(const char *s)
{
  if (!is_http_url(s) || strlen(s) > 200) {
    return 0;
  }
  const char *host = strstr(s, "://") + 3;
  return *host && !strchr(host, '/') && !strchr(host, '?') && !strchr(host, '#') && !strchr(host, '@');
}

static int is_color(const char *s)
{
  size_t n = s ? strlen(s) : 0;
  return (n == 4 || n == 7) && s[0] == '#' && strspn(s + 1, "0123456789abcdefABCDEF") == n - 1;
}

static int is_email(const char *s)
{
  const char *at = s ? strchr(s, '@') : NULL;
  return at && at != s && strlen(s) <= 254 && strchr(at + 1, '.') && !strchr(at + 1, '@') &&
         at[strlen(at) - 1] != '.' && strpbrk(s, " <>\"(),;:\\[]") == NULL;
}

static void check_merchant(const json_t *m, const json_t *languages, struct field_errors *fe)
{
  static const char *const keys[] = {"name", "email", "address", "country", "vatId", "creditorId", "timeZone",
                                     "defaultLanguage", "currency", NULL};
  field_errors_unknown_keys(fe, m, "merchant", keys);
  text_at(m, "merchant", "name", 200, 1, 0, fe);
  const char *email = json_string_value(json_object_get(m, "email"));
  if (!json_is_null(json_object_get(m, "email")) && !is_email(email)) {
    field_errors_add(fe, "merchant.email", "invalid_email");
  }
  const json_t *a = json_object_get(m, "address");
  static const char *const akeys[] = {"street", "houseNumber", "postalCode", "city", NULL};
  if (!json_is_object(a)) {
    field_errors_add(fe, "merchant.address", "invalid_type");
  } else {
    field_errors_unknown_keys(fe, a, "merchant.address", akeys);
    for (int i = 0; akeys[i]; i++) {
      text_at(a, "merchant.address", akeys[i], 200, 0, 0, fe);
    }
  }
  const char *country = json_string_value(json_object_get(m, "country"));
  if (!tax_is_eu_country(country)) {
    field_errors_add_msg(fe, "merchant.country", "not_eu_member", "the merchant must be established in the EU");
  }
  const json_t *vat = json_object_get(m, "vatId");
  if (!json_is_null(vat)) {
    char n[32];
    const char *s = json_string_value(vat);
    if (!s || tax_vat_id_normalize(s, n, sizeof n) != 0 || !tax_vat_id_valid(n) ||
        (country && strcmp(tax_vat_id_country(n), country) != 0)) {
      field_errors_add(fe, "merchant.vatId", "invalid_vat_id");
    }
  }
  const json_t *cred = json_object_get(m, "creditorId");
  if (!json_is_null(cred) && !creditor_id_valid(json_string_value(cred))) {
    field_errors_add(fe, "merchant.creditorId", "invalid_creditor_id");
  }
  if (!tz_is_valid(json_string_value(json_object_get(m, "timeZone")))) {
    field_errors_add(fe, "merchant.timeZone", "unknown_time_zone");
  }
  if (!catalog_currency_valid(json_string_value(json_object_get(m, "currency")))) {
    field_errors_add(fe, "merchant.currency", "invalid_currency");
  }
  const char *lang = json_string_value(json_object_get(m, "defaultLanguage"));
  int enabled = 0;
  size_t i;
  json_t *l;
  json_array_foreach(languages, i, l) {
    enabled |= lang && json_is_string(l) && strcmp(json_string_value(l), lang) == 0;
  }
  if (!catalog_language_valid(lang) || !enabled) {
    field_errors_add_msg(fe, "merchant.defaultLanguage", "not_enabled", "must be one of enabledLanguages");
  }
}

static void check_theme(const json_t *t, struct field_errors *fe)
{
  static const char *const keys[] = {"logoUrl", "primaryColor", "backgroundColor", "textColor", "fontFamily", NULL};
  field_errors_unknown_keys(fe, t, "theme", keys);
  const json_t *logo = json_object_get(t, "logoUrl");
  if (!json_is_null(logo) && !is_http_url(json_string_value(logo))) {
    field_errors_add(fe, "theme.logoUrl", "invalid_url");
  }
  for (int i = 1; i <= 3; i++) {
    char f[64];
    path(f, sizeof f, "theme", keys[i]);
    if (!is_color(json_string_value(json_object_get(t, keys[i])))) {
      field_errors_add_msg(fe, f, "invalid_color", "a CSS hex colour, #rgb or #rrggbb");
    }
  }
  const char *font = json_string_value(json_object_get(t, "fontFamily"));
  if (!font || !validate_text(font, 200) || strpbrk(font, ";{}<>\\\"") != NULL) {
    field_errors_add(fe, "theme.fontFamily", "invalid");
  }
}

/* obj's keys must be exactly `keys`, each with one of `values`. */
static void check_choice_map(const json_t *obj, const char *prefix, const char *const *keys,
                             const char *const *values, struct field_errors *fe)
{
  field_errors_unknown_keys(fe, obj, prefix, keys);
  for (int i = 0; keys[i]; i++) {
    const char *v = json_string_value(json_object_get(obj, keys[i]));
    int ok = 0;
    for (int k = 0; v && values[k] && !ok; k++) {
      ok = strcmp(values[k], v) == 0;
    }
    if (!ok) {
      char f[96];
      path(f, sizeof f, prefix, keys[i]);
      field_errors_add(fe, f, "invalid_value");
    }
  }
}

static void check_terms(const json_t *terms, struct field_errors *fe)
{
  if (!json_is_array(terms) || json_array_size(terms) > 10) {
    field_errors_add(fe, "terms", json_is_array(terms) ? "too_many" : "invalid_type");
    return;
  }
  static const char *const keys[] = {"key", "url", "text", "required", NULL};
  size_t i, j;
  json_t *t, *u;
  json_array_foreach(terms, i, t) {
    char prefix[32], f[64];
    snprintf(prefix, sizeof prefix, "terms[%zu]", i);
    if (!json_is_object(t)) {
      field_errors_add(fe, prefix, "invalid_type");
      continue;
    }
    field_errors_unknown_keys(fe, t, prefix, keys);
    const char *key = json_string_value(json_object_get(t, "key"));
    path(f, sizeof f, prefix, "key");
    if (!key || !*key || strlen(key) > 40 ||
        strspn(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != strlen(key)) {
      field_errors_add(fe, f, "invalid");
    }
    json_array_foreach(terms, j, u) {
      if (j < i && key && json_string_value(json_object_get(u, "key")) &&
          strcmp(key, json_string_value(json_object_get(u, "key"))) == 0) {
        field_errors_add(fe, f, "duplicate");
      }
    }
    const json_t *url = json_object_get(t, "url");
    path(f, sizeof f, prefix, "url");
    if (url && !json_is_null(url) && !is_http_url(json_string_value(url))) {
      field_errors_add(fe, f, "invalid_url");
    }
    path(f, sizeof f, prefix, "text");
    catalog_check_localized(json_object_get(t, "text"), f, 2000, 1, fe);
    path(f, sizeof f, prefix, "required");
    if (!json_is_boolean(json_object_get(t, "required"))) {
      field_errors_add(fe, f, "invalid_type");
    }
  }
}

static void check_string_list(const json_t *arr, const char *field, size_t max, int (*ok)(const char *),
                              const char *code, struct field_errors *fe)
{
  if (!json_is_array(arr) || json_array_size(arr) > max) {
    field_errors_add(fe, field, json_is_array(arr) ? "too_many" : "invalid_type");
    return;
  }
  size_t i, j;
  json_t *v, *w;
  json_array_foreach(arr, i, v) {
    char f[64];
    snprintf(f, sizeof f, "%s[%zu]", field, i);
    if (!ok(json_string_value(v))) {
      field_errors_add(fe, f, code);
    }
    json_array_foreach(arr, j, w) {
      if (j < i && json_equal(v, w)) {
        field_errors_add(fe, f, "duplicate");
      }
    }
  }
}

static int is_language(const char *s)
{
  return catalog_language_valid(s);
}

static void check_translations(const json_t *tr, struct field_errors *fe)
{
  if (!json_is_object(tr) || json_object_size(tr) > 40) {
    field_errors_add(fe, "translations", "invalid_type");
    return;
  }
  const char *lang, *key;
  json_t *texts, *text;
  json_object_foreach((json_t *)tr, lang, texts) {
    char f[200];
    path(f, sizeof f, "translations", lang);
    if (!catalog_language_valid(lang) || !json_is_object(texts) || json_object_size(texts) > 500) {
      field_errors_add(fe, f, "invalid");
      continue;
    }
    json_object_foreach(texts, key, text) {
      char g[240];
      snprintf(g, sizeof g, "translations.%s.%s", lang, key);
      if (strlen(key) > 100 || strspn(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
                                 strlen(key) || !json_is_string(text) || !validate_text(json_string_value(text), 2000)) {
        field_errors_add(fe, g, "invalid");
      }
    }
  }
}

void settings_validate(const json_t *doc, struct field_errors *fe)
{
  static const char *const top[] = {"merchant", "theme", "signupFields", "couponField", "terms",
                                    "portalTokenValidityMinutes", "portalAreas", "allowedEmbedOrigins",
                                    "translations", "enabledLanguages", NULL};
  static const char *const field_keys[] = {"companyName", "vatId", "phone", "street", "houseNumber", "addressLine1",
                                           "addressLine2", "postalCode", "city", "country", NULL};
  static const char *const field_values[] = {"mandatory", "optional", "hidden", NULL};
  static const char *const area_keys[] = {"contract", "components", "invoices", "address", "payment", "cancel",
                                          NULL};
  static const char *const area_values[] = {"hidden", "read", "write", NULL};
  if (!json_is_object(doc)) {
    field_errors_add(fe, "", "invalid_type");
    return;
  }
  field_errors_unknown_keys(fe, doc, "", top);
  const json_t *langs = json_object_get(doc, "enabledLanguages");
  check_string_list(langs, "enabledLanguages", 20, is_language, "invalid_language", fe);
  if (json_is_array(langs) && json_array_size(langs) == 0) {
    field_errors_add(fe, "enabledLanguages", "required");
  }
  const json_t *o;
  if ((o = object_at(doc, "merchant", fe))) {
    check_merchant(o, langs, fe);
  }
  if ((o = object_at(doc, "theme", fe))) {
    check_theme(o, fe);
  }
  if ((o = object_at(doc, "signupFields", fe))) {
    check_choice_map(o, "signupFields", field_keys, field_values, fe);
  }
  if ((o = object_at(doc, "portalAreas", fe))) {
    check_choice_map(o, "portalAreas", area_keys, area_values, fe);
  }
  if (!json_is_boolean(json_object_get(doc, "couponField"))) {
    field_errors_add(fe, "couponField", "invalid_type");
  }
  const json_t *minutes = json_object_get(doc, "portalTokenValidityMinutes");
  if (!json_is_integer(minutes) || json_integer_value(minutes) < 1 || json_integer_value(minutes) > 10080) {
    field_errors_add_msg(fe, "portalTokenValidityMinutes", "out_of_range", "1 to 10080 minutes (7 days)");
  }
  check_terms(json_object_get(doc, "terms"), fe);
  check_string_list(json_object_get(doc, "allowedEmbedOrigins"), "allowedEmbedOrigins", 20, is_origin,
                    "invalid_origin", fe);
  check_translations(json_object_get(doc, "translations"), fe);
}

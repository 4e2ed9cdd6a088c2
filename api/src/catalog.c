/* catalog.c: the field tables of the catalog resources and the pure JSON <-> SQL-text conversion they drive.
 * Everything a client may send is checked here: types, ranges, enums, lengths, unknown keys, immutability.
 * Cross-field rules that need other rows (same plan group, § 309 BGB with the whole variant) are in
 * http_catalog.c's hooks. No I/O. */
#include "catalog.h"
#include "calendar.h"
#include "money.h"
#include "period.h"
#include "rfc3339.h"
#include "tax.h"
#include "validate.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const MODES[] = {"prePaid", "postPaid", NULL};
static const char *const NEXT_STEPS[] = {"renew", "end", "change", NULL};
static const char *const TAX_CATEGORIES[] = {"standard", "reduced", "exempt", NULL};
static const char *const COMPONENT_TYPES[] = {"quantityBased", "onOff", "metered", NULL};
static const char *const COUPON_KINDS[] = {"percent", "fixed", NULL};
static const char *const COUPON_TARGETS[] = {"recurringFee", "components", "setupFee", NULL};
static const char *const COUPON_DURATIONS[] = {"once", "periods", "forever", NULL};

#define TEXT(j, c, fl, mx) {j, c, F_TEXT, fl, NULL, 1, mx, NULL, NULL}
#define EXTERNAL_ID {"externalId", "external_id", F_TEXT, FF_NULLABLE | FF_FILTER, NULL, 1, 200, NULL, NULL}
#define LOCALIZED(j, c, fl) {j, c, F_LOCALIZED, fl, NULL, 0, 2000, NULL, NULL}
#define BOOL(j, c, d) {j, c, F_BOOL, 0, d, 0, 0, NULL, NULL}
#define PERIOD(j, c, fl) {j, c, F_PERIOD, fl, NULL, 0, 0, NULL, NULL}
#define MONEY(j, c, fl, d) {j, c, F_MONEY, fl, d, 0, MONEY_MAX, NULL, NULL}
#define ENUM(j, c, fl, d, v) {j, c, F_ENUM, fl, d, 0, 0, v, NULL}

static const struct field_spec PLAN_GROUP_FIELDS[] = {
  TEXT("name", "name", FF_REQUIRED, 200),
  {"currency", "currency", F_CURRENCY, FF_REQUIRED | FF_IMMUTABLE, NULL, 0, 0, NULL, NULL},
  EXTERNAL_ID,
};

static const struct field_spec PLAN_FIELDS[] = {
  {"planGroupId", "plan_group_id", F_REF, FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, NULL, 0, 0, NULL, "plan_groups"},
  LOCALIZED("name", "name", FF_REQUIRED),
  LOCALIZED("description", "description", FF_NULLABLE),
  BOOL("hidden", "hidden", "false"),
  EXTERNAL_ID,
};

static const struct field_spec PLAN_VARIANT_FIELDS[] = {
  {"planId", "plan_id", F_REF, FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, NULL, 0, 0, NULL, "plans"},
  TEXT("internalName", "internal_name", FF_REQUIRED, 200),
  LOCALIZED("name", "name", FF_NULLABLE),
  LOCALIZED("description", "description", FF_NULLABLE),
  BOOL("allowSelfService", "allow_self_service", "false"),
  BOOL("allowWithoutPaymentData", "allow_without_payment_data", "false"),
  BOOL("consumer", "consumer", "false"),
  PERIOD("trialPeriod", "trial_period", FF_NULLABLE),
  PERIOD("contractPeriod", "contract_period", FF_NULLABLE),
  PERIOD("laterContractPeriod", "later_contract_period", FF_NULLABLE),
  PERIOD("cancellationPeriod", "cancellation_period", FF_NULLABLE),
  PERIOD("laterCancellationPeriod", "later_cancellation_period", FF_NULLABLE),
  PERIOD("billingPeriod", "billing_period", FF_REQUIRED),
  PERIOD("feePeriod", "fee_period", FF_REQUIRED),
  MONEY("recurringFee", "recurring_fee", FF_REQUIRED, NULL),
  MONEY("setupFee", "setup_fee", 0, "0"),
  ENUM("paymentPeriodMode", "payment_period_mode", 0, "\"prePaid\"", MODES),
  ENUM("afterFirstContractPeriodNextStep", "after_first_contract_period_next_step", 0, "\"renew\"", NEXT_STEPS),
  {"nextPlanVariantId", "next_plan_variant_id", F_REF, FF_NULLABLE, NULL, 0, 0, NULL, "plan_variants"},
  {"componentIds", "component_ids", F_REF_ARRAY, FF_NULLABLE, NULL, 0, 100, NULL, "components"},
  ENUM("taxCategory", "tax_category", 0, "\"standard\"", TAX_CATEGORIES),
  BOOL("hidden", "hidden", "false"),
  EXTERNAL_ID,
};

static const struct field_spec COMPONENT_FIELDS[] = {
  {"planGroupId", "plan_group_id", F_REF, FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, NULL, 0, 0, NULL, "plan_groups"},
  ENUM("type", "type", FF_REQUIRED | FF_IMMUTABLE | FF_FILTER, NULL, COMPONENT_TYPES),
  LOCALIZED("name", "name", FF_REQUIRED),
  LOCALIZED("description", "description", FF_NULLABLE),
  LOCALIZED("unitName", "unit_name", FF_NULLABLE),
  MONEY("unitPrice", "unit_price", FF_REQUIRED, NULL),
  PERIOD("feePeriod", "fee_period", FF_NULLABLE),
  {"minQuantity", "min_quantity", F_INT, 0, "0", 0, 1000000, NULL, NULL},
  {"maxQuantity", "max_quantity", F_INT, FF_NULLABLE, NULL, 0, 1000000, NULL, NULL},
  BOOL("showInSignup", "show_in_signup", "true"),
  BOOL("showAsPricingInfo", "show_as_pricing_info", "true"),
  ENUM("taxCategory", "tax_category", 0, "\"standard\"", TAX_CATEGORIES),
  EXTERNAL_ID,
};

static const struct field_spec COUPON_FIELDS[] = {
  {"code", "code", F_CODE, FF_REQUIRED | FF_IMMUTABLE, NULL, 1, 64, NULL, NULL},
  ENUM("kind", "kind", FF_REQUIRED | FF_IMMUTABLE, NULL, COUPON_KINDS),
  {"percentBasisPoints", "percent_basis_points", F_INT, FF_NULLABLE, NULL, 1, 10000, NULL, NULL},
  {"amount", "amount", F_MONEY, FF_NULLABLE, NULL, 1, MONEY_MAX, NULL, NULL},
  {"currency", "currency", F_CURRENCY, FF_NULLABLE, NULL, 0, 0, NULL, NULL},
  {"appliesTo", "applies_to", F_ENUM_ARRAY, FF_REQUIRED, NULL, 0, 0, COUPON_TARGETS, NULL},
  ENUM("duration", "duration", FF_REQUIRED, NULL, COUPON_DURATIONS),
  {"durationPeriods", "duration_periods", F_INT, FF_NULLABLE, NULL, 1, 120, NULL, NULL},
  {"validFrom", "valid_from", F_INSTANT, FF_NULLABLE, NULL, 0, 0, NULL, NULL},
  {"validUntil", "valid_until", F_INSTANT, FF_NULLABLE, NULL, 0, 0, NULL, NULL},
  {"maxRedemptions", "max_redemptions", F_INT, FF_NULLABLE, NULL, 1, 100000000, NULL, NULL},
  {"redemptions", "redemptions", F_INT, FF_READONLY, NULL, 0, 0, NULL, NULL},
  {"planVariantIds", "plan_variant_ids", F_REF_ARRAY, FF_NULLABLE, NULL, 0, 100, NULL, "plan_variants"},
  BOOL("active", "active", "true"),
  EXTERNAL_ID,
};

static const struct field_spec CUSTOMER_FIELDS[] = {
  {"email", "email", F_EMAIL, FF_REQUIRED | FF_FILTER, NULL, 0, 0, NULL, NULL},
  TEXT("firstName", "first_name", FF_NULLABLE, 100),
  TEXT("lastName", "last_name", FF_NULLABLE, 100),
  TEXT("companyName", "company_name", FF_NULLABLE, 200),
  TEXT("vatId", "vat_id", FF_NULLABLE, 32),
  TEXT("phone", "phone", FF_NULLABLE, 40),
  {"language", "language", F_LANGUAGE, FF_NULLABLE, NULL, 0, 0, NULL, NULL},
  TEXT("tag", "tag", FF_NULLABLE | FF_FILTER, 100),
  EXTERNAL_ID,
  {"address", "address", F_ADDRESS, FF_NULLABLE, NULL, 0, 200, NULL, NULL},
};

#define N(a) (sizeof a / sizeof a[0])
const struct resource_spec RES_PLAN_GROUPS = {"plan-groups", "plan_groups", "plan group", PLAN_GROUP_FIELDS,
                                              N(PLAN_GROUP_FIELDS)};
const struct resource_spec RES_PLANS = {"plans", "plans", "plan", PLAN_FIELDS, N(PLAN_FIELDS)};
const struct resource_spec RES_PLAN_VARIANTS = {"plan-variants", "plan_variants", "plan variant",
                                                PLAN_VARIANT_FIELDS, N(PLAN_VARIANT_FIELDS)};
const struct resource_spec RES_COMPONENTS = {"components", "components", "component", COMPONENT_FIELDS,
                                             N(COMPONENT_FIELDS)};
const struct resource_spec RES_COUPONS = {"coupons", "coupons", "coupon", COUPON_FIELDS, N(COUPON_FIELDS)};
const struct resource_spec RES_CUSTOMERS = {"customers", "customers", "customer", CUSTOMER_FIELDS,
                                            N(CUSTOMER_FIELDS)};

static const char *const CURRENCIES[] = {"EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
                                         "RON", "BGN", "ISK", "CAD", "AUD", "NZD", "JPY", "CNY", "INR", "BRL",
                                         "MXN", "ZAR", "SGD", "HKD", "TRY", "ILS", "AED", "KRW", NULL};

int catalog_currency_valid(const char *code)
{
  for (int i = 0; code && CURRENCIES[i]; i++) {
    if (strcmp(CURRENCIES[i], code) == 0) {
      return 1;
    }
  }
  return 0;
}

int catalog_language_valid(const char *t)
{
  size_t n = t ? strlen(t) : 0;
  if (n != 2 && n != 5) {
    return 0;
  }
  if (t[0] < 'a' || t[0] > 'z' || t[1] < 'a' || t[1] > 'z') {
    return 0;
  }
  return n == 2 || (t[2] == '-' && t[3] >= 'A' && t[3] <= 'Z' && t[4] >= 'A' && t[4] <= 'Z');
}

void catalog_check_localized(const json_t *j, const char *field, size_t max, int required, struct field_errors *fe)
{
  if (!json_is_object(j)) {
    field_errors_add_msg(fe, field, "invalid_type", "expected an object of language -> text, e.g. {\"en\": \"...\"}");
    return;
  }
  if (required && json_object_size(j) == 0) {
    field_errors_add(fe, field, "required");
  }
  if (json_object_size(j) > 40) {
    field_errors_add(fe, field, "too_many");
    return;
  }
  const char *lang;
  json_t *v;
  json_object_foreach((json_t *)j, lang, v) {
    char f[128];
    snprintf(f, sizeof f, "%s.%s", field, lang);
    if (!catalog_language_valid(lang)) {
      field_errors_add(fe, f, "invalid_language");
    } else if (!json_is_string(v)) {
      field_errors_add(fe, f, "invalid_type");
    } else if (!validate_text(json_string_value(v), max)) {
      field_errors_add(fe, f, "too_long_or_invalid_text");
    }
  }
}

int catalog_email_valid(const char *s)
{
  const char *at = s ? strchr(s, '@') : NULL;
  size_t n = s ? strlen(s) : 0;
  return at && at != s && n >= 3 && n <= 254 && strchr(at + 1, '.') && !strchr(at + 1, '@') &&
         s[n - 1] != '.' && at[1] != '.' && strpbrk(s, " \t<>\"(),;:\\[]") == NULL && validate_text(s, 254);
}

/* {street, houseNumber, addressLine1, addressLine2, postalCode, city, country}: strings, country ISO alpha-2. */
static void check_address(const json_t *a, const char *field, size_t max, struct field_errors *fe)
{
  static const char *const keys[] = {"street", "houseNumber", "addressLine1", "addressLine2", "postalCode", "city",
                                     "country", NULL};
  if (!json_is_object(a)) {
    field_errors_add(fe, field, "invalid_type");
    return;
  }
  const char *k;
  json_t *v;
  json_object_foreach((json_t *)a, k, v) {
    char f[96];
    snprintf(f, sizeof f, "%s.%s", field, k);
    int known = 0;
    for (int i = 0; keys[i] && !known; i++) {
      known = strcmp(keys[i], k) == 0;
    }
    if (!known) {
      field_errors_add(fe, f, "unknown_field");
    } else if (!json_is_string(v) && !json_is_null(v)) {
      field_errors_add(fe, f, "invalid_type");
    } else if (json_is_string(v) && strcmp(k, "country") == 0 && !tax_is_country(json_string_value(v))) {
      field_errors_add(fe, f, "invalid_country");
    } else if (json_is_string(v) && !validate_text(json_string_value(v), max)) {
      field_errors_add(fe, f, "invalid_length");
    }
  }
}

json_t *catalog_period_json(const char *iso)
{
  struct period p;
  if (!iso || period_parse(iso, &p) != 0 || !period_is_set(p)) {
    return json_null();
  }
  return json_pack("{s:s, s:i}", "unit", period_unit_name(p.unit), "quantity", p.quantity);
}

int catalog_period_from_json(const json_t *j, char *iso, size_t cap)
{
  if (!json_is_object(j) || json_object_size(j) != 2) {
    return -1;
  }
  const json_t *u = json_object_get(j, "unit"), *q = json_object_get(j, "quantity");
  struct period p;
  if (!json_is_string(u) || !json_is_integer(q) ||
      period_from_parts(json_string_value(u), (long)json_integer_value(q), &p) != 0) {
    return -1;
  }
  static const char letters[] = " DWMY";
  snprintf(iso, cap, "P%d%c", p.quantity, letters[p.unit]);
  return 0;
}

void catalog_terms_of(const json_t *v, struct contract_terms *t)
{
  const char *step = json_string_value(json_object_get(v, "afterFirstContractPeriodNextStep"));
  *t = (struct contract_terms){
    .trial = catalog_period_at(v, "trialPeriod"),
    .contract = catalog_period_at(v, "contractPeriod"),
    .later_contract = catalog_period_at(v, "laterContractPeriod"),
    .cancellation = catalog_period_at(v, "cancellationPeriod"),
    .later_cancellation = catalog_period_at(v, "laterCancellationPeriod"),
    .billing = catalog_period_at(v, "billingPeriod"),
    .next_step = step && strcmp(step, "end") == 0 ? NEXT_END : step && strcmp(step, "change") == 0 ? NEXT_CHANGE
                                                                                               : NEXT_RENEW,
  };
}

struct period catalog_period_at(const json_t *obj, const char *key)
{
  struct period p = {PERIOD_NONE, 0};
  char iso[16];
  if (catalog_period_from_json(json_object_get(obj, key), iso, sizeof iso) == 0) {
    period_parse(iso, &p);
  }
  return p;
}

static const struct field_spec *find_field(const struct resource_spec *spec, const char *json)
{
  for (size_t i = 0; i < spec->n_fields; i++) {
    if (strcmp(spec->fields[i].json, json) == 0) {
      return &spec->fields[i];
    }
  }
  return NULL;
}

static int enum_has(const char *const *values, const char *v)
{
  for (int i = 0; values[i]; i++) {
    if (strcmp(values[i], v) == 0) {
      return 1;
    }
  }
  return 0;
}

char *catalog_array_literal(const json_t *arr)
{
  if (!json_is_array(arr)) {
    return NULL;
  }
  size_t len = 3;
  size_t i;
  json_t *v;
  json_array_foreach(arr, i, v) {
    len += strlen(json_string_value(v)) + 1;
  }
  char *out = malloc(len);
  if (!out) {
    return NULL;
  }
  strcpy(out, "{");
  json_array_foreach(arr, i, v) {
    if (i) {
      strcat(out, ",");
    }
    strcat(out, json_string_value(v));
  }
  strcat(out, "}");
  return out;
}

/* Array of distinct strings, each accepted by `ok`. */
static int check_string_array(const json_t *v, const struct field_spec *f, int (*ok)(const struct field_spec *,
                              const char *), struct field_errors *fe)
{
  if (!json_is_array(v)) {
    field_errors_add(fe, f->json, "invalid_type");
    return -1;
  }
  if (json_array_size(v) > 100) {
    field_errors_add(fe, f->json, "too_many");
    return -1;
  }
  size_t i, k;
  json_t *x, *y;
  int bad = 0;
  json_array_foreach(v, i, x) {
    char fname[96];
    snprintf(fname, sizeof fname, "%s[%zu]", f->json, i);
    if (!json_is_string(x) || !ok(f, json_string_value(x))) {
      field_errors_add(fe, fname, "invalid");
      bad = 1;
      continue;
    }
    json_array_foreach(v, k, y) {
      if (k < i && json_is_string(y) && strcmp(json_string_value(x), json_string_value(y)) == 0) {
        field_errors_add(fe, fname, "duplicate");
        bad = 1;
      }
    }
  }
  return bad ? -1 : 0;
}

static int ok_uuid(const struct field_spec *f, const char *s)
{
  return validate_uuid(s);
}

static int ok_enum(const struct field_spec *f, const char *s)
{
  return enum_has(f->values, s);
}

static char *dup_int(long long v)
{
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", v);
  return strdup(buf);
}

/* Converts one present, non-null value. Returns the malloc'd SQL text, or NULL after adding a field error. */
static char *decode_value(const struct field_spec *f, const json_t *v, struct field_errors *fe)
{
  const char *s = json_string_value(v);
  char buf[64];
  switch (f->type) {
  case F_TEXT:
    if (!s || !*s || !validate_text(s, (size_t)f->max)) {
      field_errors_add(fe, f->json, !s ? "invalid_type" : "invalid_length");
      return NULL;
    }
    return strdup(s);
  case F_CODE:
    if (!s || strlen(s) < 1 || strlen(s) > (size_t)f->max ||
        strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(s)) {
      field_errors_add_msg(fe, f->json, "invalid", "letters, digits, '_' and '-', at most 64");
      return NULL;
    }
    return strdup(s);
  case F_LOCALIZED: {
    struct field_errors local = {0};
    catalog_check_localized(v, f->json, (size_t)f->max, f->flags & FF_REQUIRED, &local);
    if (field_errors_any(&local)) {
      size_t i;
      json_t *e;
      json_array_foreach(local.list, i, e) {
        field_errors_add(fe, json_string_value(json_object_get(e, "field")),
                         json_string_value(json_object_get(e, "code")));
      }
      field_errors_clear(&local);
      return NULL;
    }
    return json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
  }
  case F_BOOL:
    if (!json_is_boolean(v)) {
      field_errors_add(fe, f->json, "invalid_type");
      return NULL;
    }
    return strdup(json_is_true(v) ? "true" : "false");
  case F_MONEY:
  case F_INT:
    if (!json_is_integer(v)) {
      field_errors_add_msg(fe, f->json, "invalid_type", f->type == F_MONEY ? "an integer in minor units" : NULL);
      return NULL;
    }
    if (json_integer_value(v) < f->min || json_integer_value(v) > f->max) {
      field_errors_add(fe, f->json, "out_of_range");
      return NULL;
    }
    return dup_int(json_integer_value(v));
  case F_PERIOD:
    if (catalog_period_from_json(v, buf, sizeof buf) != 0) {
      field_errors_add_msg(fe, f->json, "invalid_period",
                           "{\"unit\": \"day|week|month|year\", \"quantity\": n} (at most ten years) or null");
      return NULL;
    }
    return strdup(buf);
  case F_ENUM:
    if (!s || !enum_has(f->values, s)) {
      field_errors_add(fe, f->json, "invalid_value");
      return NULL;
    }
    return strdup(s);
  case F_ENUM_ARRAY:
    if (check_string_array(v, f, ok_enum, fe) != 0) {
      return NULL;
    }
    if (json_array_size(v) == 0) {
      field_errors_add(fe, f->json, "required");
      return NULL;
    }
    return catalog_array_literal(v);
  case F_REF:
    if (!s || !validate_uuid(s)) {
      field_errors_add(fe, f->json, "invalid_id");
      return NULL;
    }
    return strdup(s);
  case F_REF_ARRAY:
    return check_string_array(v, f, ok_uuid, fe) == 0 ? catalog_array_literal(v) : NULL;
  case F_INSTANT: {
    instant_t t;
    if (!s || rfc3339_parse(s, &t) != 0) {
      field_errors_add(fe, f->json, "invalid_instant");
      return NULL;
    }
    return strdup(rfc3339_format(t, buf, sizeof buf));
  }
  case F_CURRENCY:
    if (!s || !catalog_currency_valid(s)) {
      field_errors_add(fe, f->json, "invalid_currency");
      return NULL;
    }
    return strdup(s);
  case F_EMAIL:
    if (!s || !catalog_email_valid(s)) {
      field_errors_add(fe, f->json, "invalid_email");
      return NULL;
    }
    return strdup(s);
  case F_LANGUAGE:
    if (!s || !catalog_language_valid(s)) {
      field_errors_add(fe, f->json, "invalid_language");
      return NULL;
    }
    return strdup(s);
  case F_ADDRESS: {
    int before = fe->list ? (int)json_array_size(fe->list) : 0;
    check_address(v, f->json, (size_t)f->max, fe);
    if ((fe->list ? (int)json_array_size(fe->list) : 0) > before) {
      return NULL;
    }
    return json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
  }
  }
  return NULL;
}

int catalog_decode(const struct resource_spec *spec, const json_t *body, int create, struct field_errors *fe,
                   struct decoded *out)
{
  out->params = calloc(spec->n_fields, sizeof *out->params);
  out->set = calloc(spec->n_fields, 1);
  if (!out->params || !out->set) {
    return -1;
  }
  int before = field_errors_any(fe) ? (int)json_array_size(fe->list) : 0;
  const char *key;
  json_t *v;
  json_object_foreach((json_t *)body, key, v) {
    const struct field_spec *f = find_field(spec, key);
    if (!f) {
      if (strcmp(key, "id") != 0 && strcmp(key, "createdAt") != 0 && strcmp(key, "archived") != 0 &&
          strcmp(key, "signupUrl") != 0) {
        field_errors_add(fe, key, "unknown_field");
      }
      continue;
    }
    size_t i = (size_t)(f - spec->fields);
    if (f->flags & FF_READONLY) {
      field_errors_add(fe, key, "read_only");
    } else if (!create && (f->flags & FF_IMMUTABLE)) {
      field_errors_add(fe, key, "immutable");
    } else if (json_is_null(v)) {
      if (!(f->flags & FF_NULLABLE)) {
        field_errors_add(fe, key, (f->flags & FF_REQUIRED) ? "required" : "not_nullable");
      }
      out->set[i] = 1;
    } else {
      out->params[i] = decode_value(f, v, fe);
      out->set[i] = 1;
    }
  }
  for (size_t i = 0; create && i < spec->n_fields; i++) {
    const struct field_spec *f = &spec->fields[i];
    if (out->set[i] || (f->flags & FF_READONLY)) {
      continue;
    }
    if (f->flags & FF_REQUIRED) {
      field_errors_add(fe, f->json, "required");
    } else if (f->def) {
      json_t *d = json_loads(f->def, JSON_DECODE_ANY, NULL);
      out->params[i] = decode_value(f, d, fe);
      json_decref(d);
      out->set[i] = 1;
    }
  }
  int after = field_errors_any(fe) ? (int)json_array_size(fe->list) : 0;
  return after > before ? -1 : 0;
}

void catalog_decoded_free(const struct resource_spec *spec, struct decoded *d)
{
  for (size_t i = 0; d->params && i < spec->n_fields; i++) {
    free(d->params[i]);
  }
  free(d->params);
  free(d->set);
  d->params = NULL;
  d->set = NULL;
}

/* "a,b" (array_to_string from a row) or "{a,b}" (a decoded parameter) -> ["a", "b"]. */
static json_t *split_array(const char *s)
{
  json_t *arr = json_array();
  size_t len = s ? strlen(s) : 0;
  char *copy = NULL;
  if (len >= 2 && s[0] == '{' && s[len - 1] == '}') {
    copy = strndup(s + 1, len - 2);
    s = copy;
  }
  while (s && *s) {
    size_t n = strcspn(s, ",");
    json_array_append_new(arr, json_stringn(s, n));
    s += n + (s[n] == ',');
  }
  free(copy);
  return arr;
}

static json_t *encode_value(const struct field_spec *f, const char *v)
{
  if (!v) {
    return json_null();
  }
  switch (f->type) {
  case F_LOCALIZED:
  case F_ADDRESS: {
    json_t *j = json_loads(v, 0, NULL);
    return j ? j : json_null();
  }
  case F_BOOL: return json_boolean(strcmp(v, "true") == 0 || strcmp(v, "t") == 0);
  case F_MONEY:
  case F_INT: return json_integer(strtoll(v, NULL, 10));
  case F_PERIOD: return catalog_period_json(v);
  case F_ENUM_ARRAY:
  case F_REF_ARRAY: return split_array(v);
  default: return json_string(v);
  }
}

json_t *catalog_encode(const struct resource_spec *spec, const char *id, const char *const *values, int archived,
                       const char *created_at)
{
  json_t *o = json_pack("{s:s}", "id", id);
  for (size_t i = 0; o && i < spec->n_fields; i++) {
    json_object_set_new(o, spec->fields[i].json, encode_value(&spec->fields[i], values[i]));
  }
  if (o) {
    json_object_set_new(o, "archived", json_boolean(archived));
    json_object_set_new(o, "createdAt", json_string(created_at ? created_at : ""));
  }
  return o;
}

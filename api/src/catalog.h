/* catalog.h: the catalog resources (plan groups, plans, plan variants, components, coupons) described as field
 * tables, and the pure conversion between their JSON (camelCase, DESIGN §7) and text SQL parameters. One
 * description drives validation, SQL (store_catalog.c) and handlers (http_catalog.c) for every resource. */
#ifndef PORTICO_CATALOG_H
#define PORTICO_CATALOG_H
#include <jansson.h>
#include <stddef.h>
#include "errors.h"
#include "period.h"

enum field_type {
  F_TEXT,       /* string, max = max bytes */
  F_LOCALIZED,  /* {"en": "...", "de": "..."} -> jsonb */
  F_BOOL,
  F_MONEY,      /* integer minor units, 0..MONEY_MAX */
  F_INT,        /* integer min..max */
  F_PERIOD,     /* {"unit": "month", "quantity": 1} or null -> 'P1M' / NULL */
  F_ENUM,       /* one of values */
  F_ENUM_ARRAY, /* non-empty array of distinct values */
  F_REF,        /* uuid of a row in ref_table */
  F_REF_ARRAY,  /* array of distinct uuids of ref_table, or null (= all) */
  F_INSTANT,    /* RFC 3339 or null */
  F_CURRENCY,   /* ISO 4217 code */
  F_CODE,       /* [A-Za-z0-9_-]{1,max} */
  F_EMAIL,      /* an e-mail address */
  F_LANGUAGE,   /* a language tag ("de", "pt-BR") */
  F_ADDRESS,    /* {street, houseNumber, addressLine1, addressLine2, postalCode, city, country} -> jsonb */
};

#define FF_REQUIRED 1u   /* must be present (non-null) on create */
#define FF_IMMUTABLE 2u  /* may not change on update */
#define FF_READONLY 4u   /* output only */
#define FF_FILTER 8u     /* list filter ?json=value */
#define FF_NULLABLE 16u  /* null is a valid value */

struct field_spec {
  const char *json;
  const char *column;
  enum field_type type;
  unsigned flags;
  const char *def;              /* JSON text of the default on create, or NULL */
  long long min, max;
  const char *const *values;    /* F_ENUM / F_ENUM_ARRAY, NULL-terminated */
  const char *ref_table;        /* F_REF / F_REF_ARRAY */
};

struct resource_spec {
  const char *name;             /* "plan-variants" */
  const char *table;            /* "plan_variants" */
  const char *singular;         /* "plan variant", for messages */
  const struct field_spec *fields;
  size_t n_fields;
};

extern const struct resource_spec RES_PLAN_GROUPS, RES_PLANS, RES_PLAN_VARIANTS, RES_COMPONENTS, RES_COUPONS,
  RES_CUSTOMERS;

/* A decoded body: one text parameter per field (NULL = SQL NULL) and whether the body set it. */
struct decoded {
  char **params;    /* n_fields entries, malloc'd strings */
  unsigned char *set;
};

/* Validates `body` against spec. create: required fields and defaults apply; update (PATCH): only present fields,
 * immutable ones refused. Unknown keys are errors. Adds every problem to fe. Returns 0 when valid (out filled),
 * -1 otherwise. Free out with catalog_decoded_free in both cases. */
int catalog_decode(const struct resource_spec *spec, const json_t *body, int create, struct field_errors *fe,
                   struct decoded *out);
void catalog_decoded_free(const struct resource_spec *spec, struct decoded *d);

/* Builds the JSON of one row: values[i] is the SQL text of field i (as store_catalog.c selects it). Caller
 * decrefs. */
json_t *catalog_encode(const struct resource_spec *spec, const char *id, const char *const *values, int archived,
                       const char *created_at);

/* A PostgreSQL array literal "{a,b}" of a JSON array of strings (malloc'd; NULL when not an array). */
char *catalog_array_literal(const json_t *arr);
/* The calendar terms of a plan variant's JSON (its `next` pointer left NULL). */
struct contract_terms;
void catalog_terms_of(const json_t *variant, struct contract_terms *t);

/* Period JSON <-> ISO text helpers (shared with settings and pricing input). */
json_t *catalog_period_json(const char *iso);
int catalog_period_from_json(const json_t *j, char *iso, size_t cap);
/* The period at obj[key] (none when absent, null or invalid). */
struct period catalog_period_at(const json_t *obj, const char *key);
/* 1 for a usable language tag: "de", "en", "pt-BR". */
int catalog_language_valid(const char *tag);
/* Validates a localized text object; adds field errors under `field`. */
void catalog_check_localized(const json_t *j, const char *field, size_t max, int required, struct field_errors *fe);
/* 1 for a plausible e-mail address (one @, a dot in the domain, no spaces or specials, <= 254 bytes). */
int catalog_email_valid(const char *s);
/* 1 for a known ISO 4217 currency code. */
int catalog_currency_valid(const char *code);

#endif

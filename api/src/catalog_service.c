/* catalog_service.c: creating and updating catalog rows with every rule applied, for the HTTP handlers and for
 * `portico demo-data` alike. Field tables and pure checks are in catalog.c; the cross-row rules are here:
 *   plan variants: contract terms (calendar_check_terms, incl. § 309 Nr. 9 BGB for consumer variants), next variant
 *   and components in the same plan group, billing period a multiple of every component fee period;
 *   components: fee period required unless metered, on/off at most 1, max >= min, fee period fits the variants;
 *   coupons: percent xor fixed amount + currency, durationPeriods exactly with duration "periods", validity order.
 * Every failing field is collected; nothing is written unless everything is valid. */
#include "catalog_service.h"
#include "calendar.h"
#include "rfc3339.h"
#include "tax.h"
#include "store_catalog.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *str(const json_t *o, const char *k)
{
  return json_string_value(json_object_get(o, k));
}

static void check_billing_fits_fee_periods(struct period billing, const json_t *fee_periods, const char *field,
                                           const char *code, int billing_is_whole, struct field_errors *fe)
{
  size_t i;
  json_t *v;
  json_array_foreach(fee_periods, i, v) {
    struct period p;
    if (period_parse(json_string_value(v), &p) != 0) {
      continue;
    }
    int ok = billing_is_whole ? period_is_multiple_of(billing, p) : period_is_multiple_of(p, billing);
    if (!ok) {
      field_errors_add(fe, field, code);
      return;
    }
  }
}

static enum db_status rules_plan_variant(const json_t *v, const char *self_id, struct field_errors *fe)
{
  struct contract_terms terms;
  catalog_terms_of(v, &terms);
  const char *next = str(v, "nextPlanVariantId");
  terms.next = next ? &terms : NULL; /* presence only; its own terms are checked when it is saved */
  struct terms_violation viol[16];
  int n = calendar_check_terms(&terms, catalog_period_at(v, "feePeriod"), json_is_true(json_object_get(v, "consumer")),
                               viol, 16);
  for (int i = 0; i < n && i < 16; i++) {
    field_errors_add(fe, viol[i].field, viol[i].code);
  }
  if (next && terms.next_step != NEXT_CHANGE) {
    field_errors_add(fe, "nextPlanVariantId", "only_with_next_step_change");
  }
  if (next && self_id && strcmp(next, self_id) == 0) {
    field_errors_add(fe, "nextPlanVariantId", "self_reference");
  }
  char group[37], next_group[37];
  enum db_status st = store_catalog_group_of_plan(str(v, "planId"), group);
  if (st != DB_OK || !group[0]) {
    return st;
  }
  if (next && (st = store_catalog_group_of_variant(next, next_group)) == DB_OK && strcmp(group, next_group) != 0) {
    field_errors_add(fe, "nextPlanVariantId", "not_in_same_plan_group");
  }
  char *ids = catalog_array_literal(json_object_get(v, "componentIds"));
  int ok = 1;
  if (st == DB_OK && ids && (st = store_catalog_components_in_group(ids, group, &ok)) == DB_OK && !ok) {
    field_errors_add(fe, "componentIds", "not_in_same_plan_group");
  }
  json_t *fees = NULL;
  if (st == DB_OK && (st = store_catalog_component_fee_periods(group, ids, &fees)) == DB_OK &&
      period_is_set(terms.billing)) {
    check_billing_fits_fee_periods(terms.billing, fees, "billingPeriod", "not_multiple_of_component_fee_period", 1,
                                   fe);
  }
  json_decref(fees);
  free(ids);
  return st;
}

static enum db_status rules_component(const json_t *c, struct field_errors *fe)
{
  const char *type = str(c, "type");
  int metered = type && strcmp(type, "metered") == 0;
  const json_t *max = json_object_get(c, "maxQuantity");
  long long min = json_integer_value(json_object_get(c, "minQuantity"));
  struct period fee = catalog_period_at(c, "feePeriod");
  if (!metered && !period_is_set(fee)) {
    field_errors_add(fe, "feePeriod", "required");
  }
  if (type && strcmp(type, "onOff") == 0 && ((json_is_integer(max) && json_integer_value(max) > 1) || min > 1)) {
    field_errors_add(fe, json_is_integer(max) && json_integer_value(max) > 1 ? "maxQuantity" : "minQuantity",
                     "on_off_is_0_or_1");
  }
  if (json_is_integer(max) && json_integer_value(max) < min) {
    field_errors_add(fe, "maxQuantity", "below_minimum");
  }
  json_t *billings = NULL;
  enum db_status st = DB_OK;
  if (!metered && period_is_set(fee) && str(c, "planGroupId") &&
      (st = store_catalog_group_billing_periods(str(c, "planGroupId"), &billings)) == DB_OK) {
    check_billing_fits_fee_periods(fee, billings, "feePeriod", "does_not_divide_variant_billing_period", 0, fe);
  }
  json_decref(billings);
  return st;
}

static void rules_coupon(const json_t *c, struct field_errors *fe)
{
  const char *kind = str(c, "kind"), *duration = str(c, "duration");
  int percent = kind && strcmp(kind, "percent") == 0;
  int has_bp = json_is_integer(json_object_get(c, "percentBasisPoints"));
  int has_amount = json_is_integer(json_object_get(c, "amount"));
  int has_currency = json_is_string(json_object_get(c, "currency"));
  if (percent) {
    if (!has_bp) field_errors_add(fe, "percentBasisPoints", "required");
    if (has_amount) field_errors_add(fe, "amount", "only_for_fixed");
    if (has_currency) field_errors_add(fe, "currency", "only_for_fixed");
  } else if (kind) {
    if (!has_amount) field_errors_add(fe, "amount", "required");
    if (!has_currency) field_errors_add(fe, "currency", "required");
    if (has_bp) field_errors_add(fe, "percentBasisPoints", "only_for_percent");
  }
  int has_periods = json_is_integer(json_object_get(c, "durationPeriods"));
  if (duration && strcmp(duration, "periods") == 0 && !has_periods) {
    field_errors_add(fe, "durationPeriods", "required");
  } else if (duration && strcmp(duration, "periods") != 0 && has_periods) {
    field_errors_add(fe, "durationPeriods", "only_with_duration_periods");
  }
  instant_t from, until;
  if (str(c, "validFrom") && str(c, "validUntil") && rfc3339_parse(str(c, "validFrom"), &from) == 0 &&
      rfc3339_parse(str(c, "validUntil"), &until) == 0 && until <= from) {
    field_errors_add(fe, "validUntil", "not_after_valid_from");
  }
}

static void rules_customer(const json_t *c, struct field_errors *fe)
{
  const char *vat = str(c, "vatId");
  const char *country = str(json_object_get(c, "address"), "country");
  char n[32];
  if (vat && (tax_vat_id_normalize(vat, n, sizeof n) != 0 || !tax_vat_id_valid(n) ||
              (country && strcmp(tax_vat_id_country(n), country) != 0))) {
    field_errors_add_msg(fe, "vatId", "invalid_vat_id", "not a VAT ID of the address country");
  }
}

/* References exist, then the resource's own rules. `full` is the complete (merged) object. */
static enum db_status check_rules(const struct resource_spec *spec, const json_t *full, const char *self_id,
                                  struct field_errors *fe)
{
  enum db_status st = DB_OK;
  for (size_t i = 0; i < spec->n_fields && st == DB_OK; i++) {
    const struct field_spec *f = &spec->fields[i];
    const json_t *v = json_object_get(full, f->json);
    if ((f->type != F_REF && f->type != F_REF_ARRAY) || !v || json_is_null(v)) {
      continue;
    }
    int exists = 0;
    char *arr = f->type == F_REF_ARRAY ? catalog_array_literal(v) : NULL;
    st = store_catalog_exists(f->ref_table, arr ? arr : json_string_value(v), arr != NULL, &exists);
    free(arr);
    if (st == DB_OK && !exists) {
      field_errors_add(fe, f->json, "unknown");
    }
  }
  if (st != DB_OK) {
    return st;
  }
  if (spec == &RES_PLAN_VARIANTS) {
    return rules_plan_variant(full, self_id, fe);
  }
  if (spec == &RES_COMPONENTS) {
    return rules_component(full, fe);
  }
  if (spec == &RES_COUPONS) {
    rules_coupon(full, fe);
  }
  if (spec == &RES_CUSTOMERS) {
    rules_customer(full, fe);
  }
  return DB_OK;
}

/* Decodes a complete object (create, or the merge of row and patch) for validation; returns the normalised JSON. */
static json_t *normalised(const struct resource_spec *spec, const json_t *body, struct field_errors *fe,
                          struct decoded *d)
{
  catalog_decode(spec, body, 1, fe, d); /* fields that failed stay NULL; the rules still see the rest */
  if (!d->params) {
    return NULL;
  }
  const char **values = calloc(spec->n_fields + 1, sizeof *values);
  for (size_t i = 0; values && i < spec->n_fields; i++) {
    values[i] = d->params[i];
  }
  json_t *o = values ? catalog_encode(spec, "", values, 0, "") : NULL;
  free(values);
  return o;
}


enum db_status catalog_create(const struct resource_spec *spec, const json_t *body, struct field_errors *fe,
                              char id_out[37])
{
  struct decoded d = {0};
  if (json_object_get(body, "archived")) {
    field_errors_add(fe, "archived", "read_only");
  }
  json_t *full = normalised(spec, body, fe, &d);
  enum db_status st = full ? check_rules(spec, full, NULL, fe) : DB_OK;
  json_decref(full);
  if (st == DB_OK && !field_errors_any(fe)) {
    st = store_catalog_insert(spec, &d, id_out);
  }
  catalog_decoded_free(spec, &d);
  return st;
}

enum db_status catalog_update(const struct resource_spec *spec, const char *id, const json_t *patch_body,
                              struct field_errors *fe, int *found)
{
  json_t *row = NULL;
  *found = 0;
  enum db_status st = store_catalog_get(spec, id, &row);
  if (st != DB_OK || !row) {
    return st;
  }
  *found = 1;
  struct decoded patch = {0}, whole = {0};
  const json_t *arch = json_object_get(patch_body, "archived");
  if (arch && !json_is_boolean(arch)) {
    field_errors_add(fe, "archived", "invalid_type");
  }
  json_t *full = NULL;
  if (catalog_decode(spec, patch_body, 0, fe, &patch) == 0 && !field_errors_any(fe)) {
    json_object_update(row, (json_t *)patch_body);
    for (size_t i = 0; i < spec->n_fields; i++) {
      if (spec->fields[i].flags & FF_READONLY) {
        json_object_del(row, spec->fields[i].json);
      }
    }
    full = normalised(spec, row, fe, &whole);
    st = full ? check_rules(spec, full, id, fe) : DB_OK;
  }
  if (st == DB_OK && !field_errors_any(fe)) {
    st = store_catalog_update(spec, id, &patch, arch ? json_is_true(arch) : -1, found);
  }
  json_decref(full);
  json_decref(row);
  catalog_decoded_free(spec, &patch);
  catalog_decoded_free(spec, &whole);
  return st;
}

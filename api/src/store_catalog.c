/* store_catalog.c: INSERT/SELECT/UPDATE/DELETE for every catalog resource, assembled from the static column names
 * of the field tables in catalog.c; every value travels as a parameter. Rows come back as JSON through
 * catalog_encode, so the JSON shape has one definition. */
#include "store_catalog.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL_MAX 8192

/* Appends to an SQL buffer; only static column and table names ever go through here, never values. */
__attribute__((format(printf, 2, 3))) static void append(char *buf, const char *fmt, ...)
{
  size_t n = strlen(buf);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf + n, SQL_MAX - n, fmt, ap);
  va_end(ap);
}

static void select_list(const struct resource_spec *spec, char *sql)
{
  strcpy(sql, "SELECT id");
  for (size_t i = 0; i < spec->n_fields; i++) {
    const struct field_spec *f = &spec->fields[i];
    if (f->type == F_REF_ARRAY || f->type == F_ENUM_ARRAY) {
      append(sql, ", array_to_string(%s, ',')%s", f->column, "");
    } else if (f->type == F_INSTANT) {
      append(sql, ", to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')%s", f->column, "");
    } else {
      append(sql, ", %s::text%s", f->column, "");
    }
  }
  append(sql, ", archived_at IS NOT NULL, to_char(created_at AT TIME ZONE 'UTC', "
              "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), seq FROM %s%s", "", "");
}

static json_t *row_json(const struct resource_spec *spec, const struct db_result *r, int row)
{
  const char **values = calloc(spec->n_fields + 1, sizeof *values);
  if (!values) {
    return NULL;
  }
  for (size_t i = 0; i < spec->n_fields; i++) {
    values[i] = db_value(r, row, (int)i + 1);
  }
  const char *archived = db_value(r, row, (int)spec->n_fields + 1);
  json_t *o = catalog_encode(spec, db_value(r, row, 0), values, archived && strcmp(archived, "t") == 0,
                             db_value(r, row, (int)spec->n_fields + 2));
  free(values);
  return o;
}

enum db_status store_catalog_insert(const struct resource_spec *spec, const struct decoded *d, char id_out[37])
{
  char sql[SQL_MAX], values[SQL_MAX] = "";
  const char *params[64];
  int n = 0;
  snprintf(sql, sizeof sql, "INSERT INTO %s (", spec->table);
  for (size_t i = 0; i < spec->n_fields && n < 64; i++) {
    if (!d->set[i]) {
      continue;
    }
    char ph[16];
    snprintf(ph, sizeof ph, "$%d", n + 1);
    append(sql, "%s%s", n ? ", " : "", spec->fields[i].column);
    append(values, "%s%s", n ? ", " : "", ph);
    params[n++] = d->params[i];
  }
  append(sql, ") VALUES (%s) RETURNING id%s", values, "");
  struct db_stmt st = {NULL, sql, 0};
  struct db_result *r = NULL;
  enum db_status s = db_exec(&st, n, params, &r);
  if (s == DB_OK) {
    snprintf(id_out, 37, "%s", db_value(r, 0, 0));
  }
  db_result_free(r);
  return s;
}

enum db_status store_catalog_get(const struct resource_spec *spec, const char *id, json_t **out)
{
  char sql[SQL_MAX];
  select_list(spec, sql);
  append(sql, "%s WHERE id = $1%s", spec->table, "");
  char name[64];
  snprintf(name, sizeof name, "get_%s", spec->table);
  struct db_stmt st = {name, sql, 1};
  const char *params[] = {id};
  struct db_result *r = NULL;
  *out = NULL;
  enum db_status s = db_exec(&st, 1, params, &r);
  if (s == DB_OK && db_rows(r) == 1) {
    *out = row_json(spec, r, 0);
  }
  db_result_free(r);
  return s;
}

enum db_status store_catalog_list(const struct resource_spec *spec, const struct catalog_filter *filters,
                                  size_t n_filters, int include_archived, int limit, long long after_seq,
                                  json_t **data, long long *next_seq)
{
  char sql[SQL_MAX], after[24], lim[12];
  const char *params[16];
  int n = 0;
  select_list(spec, sql);
  snprintf(after, sizeof after, "%lld", after_seq);
  snprintf(lim, sizeof lim, "%d", limit + 1);
  params[n++] = after;
  params[n++] = lim;
  append(sql, "%s WHERE seq > $1::bigint%s", spec->table, include_archived ? "" : " AND archived_at IS NULL");
  for (size_t i = 0; i < n_filters && n < 16; i++) {
    char ph[32];
    snprintf(ph, sizeof ph, "$%d", n + 1);
    if (filters[i].field->type == F_EMAIL) {
      append(sql, " AND lower(%s) = lower(%s)", filters[i].field->column, ph);
    } else {
      append(sql, " AND %s::text = %s", filters[i].field->column, ph);
    }
    params[n++] = filters[i].value;
  }
  append(sql, " ORDER BY seq LIMIT $2::int%s%s", "", "");
  char name[160];
  int k = snprintf(name, sizeof name, "list_%s_%d", spec->table, include_archived);
  for (size_t i = 0; i < n_filters && k > 0 && (size_t)k < sizeof name; i++) {
    k += snprintf(name + k, sizeof name - (size_t)k, "_%s", filters[i].field->column);
  }
  struct db_stmt st = {name, sql, 1};
  struct db_result *r = NULL;
  *data = NULL;
  *next_seq = 0;
  enum db_status s = db_exec(&st, n, params, &r);
  if (s != DB_OK) {
    return s;
  }
  json_t *arr = json_array();
  int rows = db_rows(r);
  for (int i = 0; i < rows && i < limit; i++) {
    json_array_append_new(arr, row_json(spec, r, i));
  }
  if (rows > limit) {
    *next_seq = strtoll(db_value(r, limit - 1, (int)spec->n_fields + 3), NULL, 10);
  }
  db_result_free(r);
  *data = arr;
  return DB_OK;
}

enum db_status store_catalog_update(const struct resource_spec *spec, const char *id, const struct decoded *d,
                                    int archived, int *found)
{
  char sql[SQL_MAX];
  const char *params[64];
  int n = 0;
  params[n++] = id;
  snprintf(sql, sizeof sql, "UPDATE %s SET id = id", spec->table);
  for (size_t i = 0; i < spec->n_fields && n < 64; i++) {
    if (d->set[i]) {
      char ph[16];
      snprintf(ph, sizeof ph, "$%d", n + 1);
      append(sql, ", %s = %s", spec->fields[i].column, ph);
      params[n++] = d->params[i];
    }
  }
  if (archived >= 0) {
    append(sql, ", archived_at = %s%s", archived ? "coalesce(archived_at, now())" : "NULL", "");
  }
  append(sql, " WHERE id = $1 RETURNING id%s%s", "", "");
  struct db_stmt st = {NULL, sql, 0};
  struct db_result *r = NULL;
  enum db_status s = db_exec(&st, n, params, &r);
  *found = s == DB_OK && db_rows(r) == 1;
  db_result_free(r);
  return s;
}

enum db_status store_catalog_delete(const struct resource_spec *spec, const char *id, int *found)
{
  char sql[256];
  snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = $1 RETURNING id", spec->table);
  struct db_stmt st = {NULL, sql, 0};
  const char *params[] = {id};
  struct db_result *r = NULL;
  enum db_status s = db_exec(&st, 1, params, &r);
  *found = s == DB_OK && db_rows(r) == 1;
  db_result_free(r);
  return s;
}

enum db_status store_catalog_exists(const char *table, const char *id_or_array, int is_array, int *exists)
{
  char sql[256];
  if (is_array) {
    snprintf(sql, sizeof sql,
             "SELECT count(*) = cardinality($1::uuid[]) FROM %s WHERE id = ANY($1::uuid[])", table);
  } else {
    snprintf(sql, sizeof sql, "SELECT EXISTS (SELECT 1 FROM %s WHERE id = $1::uuid)", table);
  }
  struct db_stmt st = {NULL, sql, 1};
  const char *params[] = {id_or_array};
  struct db_result *r = NULL;
  enum db_status s = db_exec(&st, 1, params, &r);
  *exists = s == DB_OK && db_value(r, 0, 0) && strcmp(db_value(r, 0, 0), "t") == 0;
  db_result_free(r);
  return s;
}

static enum db_status one_text(const char *sql, int n, const char *const *params, char *out, size_t cap)
{
  struct db_stmt st = {NULL, sql, 1};
  struct db_result *r = NULL;
  enum db_status s = db_exec(&st, n, params, &r);
  out[0] = '\0';
  if (s == DB_OK && db_rows(r) == 1 && db_value(r, 0, 0)) {
    snprintf(out, cap, "%s", db_value(r, 0, 0));
  }
  db_result_free(r);
  return s;
}

static enum db_status text_column(const char *sql, int n, const char *const *params, json_t **out)
{
  struct db_stmt st = {NULL, sql, 1};
  struct db_result *r = NULL;
  *out = NULL;
  enum db_status s = db_exec(&st, n, params, &r);
  if (s == DB_OK) {
    *out = json_array();
    for (int i = 0; i < db_rows(r); i++) {
      if (db_value(r, i, 0)) {
        json_array_append_new(*out, json_string(db_value(r, i, 0)));
      }
    }
  }
  db_result_free(r);
  return s;
}

enum db_status store_catalog_group_of_plan(const char *plan_id, char group_out[37])
{
  const char *p[] = {plan_id};
  return one_text("SELECT plan_group_id FROM plans WHERE id = $1::uuid", 1, p, group_out, 37);
}

enum db_status store_catalog_group_of_variant(const char *variant_id, char group_out[37])
{
  const char *p[] = {variant_id};
  return one_text("SELECT p.plan_group_id FROM plan_variants v JOIN plans p ON p.id = v.plan_id "
                  "WHERE v.id = $1::uuid", 1, p, group_out, 37);
}

enum db_status store_catalog_components_in_group(const char *ids_array, const char *group, int *ok)
{
  const char *p[] = {ids_array, group};
  char v[8];
  enum db_status s = one_text("SELECT count(*) = cardinality($1::uuid[]) FROM components "
                              "WHERE id = ANY($1::uuid[]) AND plan_group_id = $2::uuid", 2, p, v, sizeof v);
  *ok = strcmp(v, "t") == 0;
  return s;
}

enum db_status store_catalog_component_fee_periods(const char *group, const char *ids_array, json_t **out)
{
  const char *p[] = {group, ids_array};
  return text_column("SELECT DISTINCT fee_period FROM components WHERE plan_group_id = $1::uuid "
                     "AND type <> 'metered' AND fee_period IS NOT NULL AND archived_at IS NULL "
                     "AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))", 2, p, out);
}

enum db_status store_catalog_group_billing_periods(const char *group, json_t **out)
{
  const char *p[] = {group};
  return text_column("SELECT DISTINCT v.billing_period FROM plan_variants v JOIN plans pl ON pl.id = v.plan_id "
                     "WHERE pl.plan_group_id = $1::uuid AND v.archived_at IS NULL", 1, p, out);
}

enum db_status store_catalog_find_external(const struct resource_spec *spec, const char *external_id,
                                           char id_out[37])
{
  char sql[256];
  snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE external_id = $1", spec->table);
  const char *p[] = {external_id};
  return one_text(sql, 1, p, id_out, 37);
}

enum db_status store_coupon_id_by_code(const char *code, char id_out[37])
{
  const char *p[] = {code};
  return one_text("SELECT id FROM coupons WHERE lower(code) = lower($1) AND archived_at IS NULL", 1, p, id_out, 37);
}

long store_vat_rates(struct vat_rate *out, size_t max)
{
  static const struct db_stmt RATES = {"vat_rates", "SELECT country, standard_bp, reduced_bp FROM vat_rates", 1};
  struct db_result *r = NULL;
  if (db_exec(&RATES, 0, NULL, &r) != DB_OK) {
    return -1;
  }
  long n = 0;
  for (int i = 0; i < db_rows(r) && (size_t)n < max; i++, n++) {
    snprintf(out[n].country, sizeof out[n].country, "%s", db_value(r, i, 0));
    out[n].standard_bp = atoi(db_value(r, i, 1));
    out[n].reduced_bp = atoi(db_value(r, i, 2));
  }
  db_result_free(r);
  return n;
}

enum db_status store_catalog_get_variant(const char *id, json_t **out)
{
  return store_catalog_get(&RES_PLAN_VARIANTS, id, out);
}

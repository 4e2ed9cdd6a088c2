/* store_catalog.h: the SQL of the catalog resources, generated from their field tables (catalog.h). */
#ifndef PORTICO_STORE_CATALOG_H
#define PORTICO_STORE_CATALOG_H
#include <jansson.h>
#include "catalog.h"
#include "db.h"
#include "tax.h"

struct catalog_filter {
  const struct field_spec *field;
  const char *value;
};

enum db_status store_catalog_insert(const struct resource_spec *spec, const struct decoded *d, char id_out[37]);
/* *out = the row as JSON, or NULL when there is no such row. Caller decrefs. */
enum db_status store_catalog_get(const struct resource_spec *spec, const char *id, json_t **out);
/* Rows after `after_seq` in creation order; *next_seq 0 when this is the last page. */
enum db_status store_catalog_list(const struct resource_spec *spec, const struct catalog_filter *filters,
                                  size_t n_filters, int include_archived, int limit, long long after_seq,
                                  json_t **data, long long *next_seq);
/* Updates the fields set in d; archived: -1 unchanged, 0 unarchive, 1 archive. *found 0 when no such row. */
enum db_status store_catalog_update(const struct resource_spec *spec, const char *id, const struct decoded *d,
                                    int archived, int *found);
enum db_status store_catalog_delete(const struct resource_spec *spec, const char *id, int *found);
/* Whether every id of a '{...}' array literal or a single uuid exists in table. */
enum db_status store_catalog_exists(const char *table, const char *id_or_array, int is_array, int *exists);



/* Lookups for the cross-row rules of http_catalog.c. group_out gets "" when the row does not exist. */
enum db_status store_catalog_group_of_plan(const char *plan_id, char group_out[37]);
enum db_status store_catalog_group_of_variant(const char *variant_id, char group_out[37]);
/* 1 in *ok when every component of the array literal (or all when NULL) belongs to group. */
enum db_status store_catalog_components_in_group(const char *ids_array, const char *group, int *ok);
/* The ISO fee periods of the group's non-metered components (restricted to ids_array unless NULL). */
enum db_status store_catalog_component_fee_periods(const char *group, const char *ids_array, json_t **out);
/* The billing periods (ISO) of the group's variants. */
enum db_status store_catalog_group_billing_periods(const char *group, json_t **out);
/* The id of the row with this externalId, or "" when there is none. */
enum db_status store_catalog_find_external(const struct resource_spec *spec, const char *external_id,
                                           char id_out[37]);
/* The id of the (non-archived) coupon with this code, case-insensitively; "" when none. */
enum db_status store_coupon_id_by_code(const char *code, char id_out[37]);
/* The EU VAT rate table; returns the count, or -1. */
long store_vat_rates(struct vat_rate *out, size_t max);
/* Shorthand for store_catalog_get(&RES_PLAN_VARIANTS, ...). */
enum db_status store_catalog_get_variant(const char *id, json_t **out);

#endif

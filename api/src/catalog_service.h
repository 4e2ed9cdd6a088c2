/* catalog_service.h: create/update catalog rows with all field and cross-row rules (HTTP and demo-data). */
#ifndef PORTICO_CATALOG_SERVICE_H
#define PORTICO_CATALOG_SERVICE_H
#include "catalog.h"
#include "db.h"

/* Validates body (collecting every problem in fe) and inserts. DB_OK with fe empty: id_out holds the new id. */
enum db_status catalog_create(const struct resource_spec *spec, const json_t *body, struct field_errors *fe,
                              char id_out[37]);
/* PATCH semantics: the patch is checked alone (types, immutability), then the merged row as a whole.
 * *found 0 when there is no such row. */
enum db_status catalog_update(const struct resource_spec *spec, const char *id, const json_t *patch_body,
                              struct field_errors *fe, int *found);

#endif

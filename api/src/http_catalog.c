/* http_catalog.c: list/create/read/update/delete for every catalog resource; the route's arg names the resource
 * spec. Thin: decoding and rules are in catalog.c and catalog_service.c, SQL in store_catalog.c. */
#include "http.h"
#include "catalog_service.h"
#include "store_catalog.h"
#include "validate.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct resource_spec *spec_of(const struct req_ctx *ctx)
{
  return ctx->route->arg;
}

/* Response extras computed from the row. */
static json_t *present(const struct resource_spec *spec, json_t *row, const struct req_ctx *ctx)
{
  if (spec == &RES_PLAN_VARIANTS) {
    json_t *url = json_null();
    if (json_is_true(json_object_get(row, "allowSelfService"))) {
      char buf[700];
      snprintf(buf, sizeof buf, "%s/signup.html#/%s", ctx->app->cfg.public_url,
               json_string_value(json_object_get(row, "id")));
      url = json_string(buf);
    }
    json_object_set_new(row, "signupUrl", url);
  }
  return row;
}

static int not_found(struct _u_response *resp, const struct resource_spec *spec)
{
  char msg[96];
  snprintf(msg, sizeof msg, "No such %s.", spec->singular);
  reply_error(resp, 404, "not_found", msg);
  return 0;
}

static int reply_conflict_or_db(struct _u_response *resp, enum db_status st, const struct req_ctx *ctx)
{
  if (st == DB_CONFLICT) {
    reply_error(resp, 409, "conflict", "Another row already uses this code or externalId.");
  } else {
    reply_db_error(resp, st, ctx);
  }
  return 0;
}

static int reply_row(struct _u_response *resp, unsigned status, const struct resource_spec *spec, const char *id,
                     const struct req_ctx *ctx)
{
  json_t *row = NULL;
  enum db_status st = store_catalog_get(spec, id, &row);
  if (st != DB_OK) {
    reply_db_error(resp, st, ctx);
    return 0;
  }
  if (!row) {
    return not_found(resp, spec);
  }
  reply_json(resp, status, present(spec, row, ctx));
  return 0;
}

int http_catalog_create(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  const struct resource_spec *spec = spec_of(ctx);
  struct field_errors fe = {0};
  char id[37];
  enum db_status st = catalog_create(spec, ctx->body, &fe, id);
  if (field_errors_any(&fe)) {
    reply_fields(resp, &fe);
    return 0;
  }
  if (st != DB_OK) {
    return reply_conflict_or_db(resp, st, ctx);
  }
  return reply_row(resp, 201, spec, id, ctx);
}

int http_catalog_get(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  const char *id = u_map_get(req->map_url, "id");
  if (!validate_uuid(id)) {
    return not_found(resp, spec_of(ctx));
  }
  return reply_row(resp, 200, spec_of(ctx), id, ctx);
}

/* PATCH: the patch is checked on its own (types, immutability), then the merged object as a whole. */
int http_catalog_update(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  const struct resource_spec *spec = spec_of(ctx);
  const char *id = u_map_get(req->map_url, "id");
  if (!validate_uuid(id)) {
    return not_found(resp, spec);
  }
  struct field_errors fe = {0};
  int found = 0;
  enum db_status st = catalog_update(spec, id, ctx->body, &fe, &found);
  if (field_errors_any(&fe)) {
    reply_fields(resp, &fe);
    return 0;
  }
  if (st != DB_OK) {
    return reply_conflict_or_db(resp, st, ctx);
  }
  return found ? reply_row(resp, 200, spec, id, ctx) : not_found(resp, spec);
}

int http_catalog_delete(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  const struct resource_spec *spec = spec_of(ctx);
  const char *id = u_map_get(req->map_url, "id");
  int found = 0;
  if (!validate_uuid(id)) {
    return not_found(resp, spec);
  }
  enum db_status st = store_catalog_delete(spec, id, &found);
  if (st == DB_REFERENCE) {
    char msg[160];
    snprintf(msg, sizeof msg, "This %s is still in use; archive it instead (PATCH {\"archived\": true}).",
             spec->singular);
    reply_error(resp, 409, "in_use", msg);
    return 0;
  }
  if (st != DB_OK) {
    reply_db_error(resp, st, ctx);
    return 0;
  }
  if (!found) {
    return not_found(resp, spec);
  }
  ulfius_set_empty_body_response(resp, 204);
  return 0;
}

int http_catalog_list(const struct _u_request *req, struct _u_response *resp, struct req_ctx *ctx)
{
  const struct resource_spec *spec = spec_of(ctx);
  struct field_errors fe = {0};
  int limit;
  char cursor[64];
  http_list_params(req, &fe, &limit, cursor, sizeof cursor);
  struct catalog_filter filters[8];
  size_t nf = 0;
  for (size_t i = 0; i < spec->n_fields && nf < 8; i++) {
    const struct field_spec *f = &spec->fields[i];
    const char *v = (f->flags & FF_FILTER) ? u_map_get(req->map_url, f->json) : NULL;
    if (!v) {
      continue;
    }
    int ok = f->type == F_REF ? validate_uuid(v) : validate_text(v, 200);
    if (f->type == F_ENUM) {
      ok = 0;
      for (int k = 0; f->values[k]; k++) {
        ok |= strcmp(f->values[k], v) == 0;
      }
    }
    if (!ok) {
      field_errors_add(&fe, f->json, "invalid");
    }
    filters[nf++] = (struct catalog_filter){f, v};
  }
  const char *arch = u_map_get(req->map_url, "includeArchived");
  if (arch && strcmp(arch, "true") != 0 && strcmp(arch, "false") != 0) {
    field_errors_add(&fe, "includeArchived", "invalid");
  }
  if (field_errors_any(&fe)) {
    reply_fields(resp, &fe);
    return 0;
  }
  long long after = http_cursor_after(cursor), next = 0;
  json_t *data = NULL;
  enum db_status st = store_catalog_list(spec, filters, nf, arch && strcmp(arch, "true") == 0, limit, after, &data,
                                         &next);
  if (st != DB_OK) {
    reply_db_error(resp, st, ctx);
    return 0;
  }
  size_t i;
  json_t *row;
  json_array_foreach(data, i, row) {
    present(spec, row, ctx);
  }
  reply_page(resp, data, next);
  return 0;
}

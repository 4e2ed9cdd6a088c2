/* store_events.c: reads the event log, newest first, keyset-paginated on the sequence number. */
#include "store.h"
#include <stdio.h>
#include <stdlib.h>

static const struct db_stmt LIST_EVENTS = {"events_list",
  "SELECT id, type, entity_id, payload::text, "
  "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), seq "
  "FROM events WHERE ($1::bigint = 0 OR seq < $1::bigint) AND ($2::text IS NULL OR type = $2) "
  "ORDER BY seq DESC LIMIT $3::int + 1", 1};

enum db_status store_events_list(int limit, long long before_seq, const char *type, json_t **out,
                                 long long *next_seq)
{
  char before[24], lim[12];
  snprintf(before, sizeof before, "%lld", before_seq);
  snprintf(lim, sizeof lim, "%d", limit);
  const char *params[] = {before, type, lim};
  struct db_result *r = NULL;
  *out = NULL;
  *next_seq = 0;
  enum db_status st = db_exec(&LIST_EVENTS, 3, params, &r);
  if (st != DB_OK) {
    return st;
  }
  json_t *arr = json_array();
  int n = db_rows(r);
  for (int i = 0; i < n && i < limit; i++) {
    json_t *payload = json_loads(db_value(r, i, 3), 0, NULL);
    const char *entity = db_value(r, i, 2);
    json_array_append_new(arr, json_pack("{s:s, s:s, s:o, s:o, s:s}", "id", db_value(r, i, 0), "type",
                                         db_value(r, i, 1), "entityId", entity ? json_string(entity) : json_null(),
                                         "payload", payload ? payload : json_object(), "createdAt",
                                         db_value(r, i, 4)));
  }
  if (n > limit) {
    *next_seq = strtoll(db_value(r, limit - 1, 5), NULL, 10);
  }
  db_result_free(r);
  *out = arr;
  return DB_OK;
}

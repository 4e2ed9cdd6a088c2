/* store_idempotency.h: Idempotency-Key records of merchant POSTs (24 hours). */
#ifndef PORTICO_STORE_IDEMPOTENCY_H
#define PORTICO_STORE_IDEMPOTENCY_H
#include <stddef.h>
#include "db.h"
#include "rfc3339.h"

enum idem_state { IDEM_NEW = 0, IDEM_REPLAY, IDEM_IN_PROGRESS, IDEM_MISMATCH };

struct idem_record {
  enum idem_state state;
  int status;          /* IDEM_REPLAY */
  char *response;      /* IDEM_REPLAY, malloc'd; caller frees */
};

/* Reserves (client, key) for this request, or reports what an earlier request with the key left. Records older
 * than 24 hours at `now` are replaced. */
enum db_status store_idem_begin(const char *client, const char *key, const char *route, const char *hash,
                                instant_t now, struct idem_record *out);
/* Stores the final response of a reserved key (status < 500), or releases it (status >= 500) so it may be retried. */
enum db_status store_idem_finish(const char *client, const char *key, int status, const char *body, size_t len);

#endif

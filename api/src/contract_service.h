/* contract_service.h: a contract as the API shows it, with everything the calendar derives from it at `now`. */
#ifndef PORTICO_CONTRACT_SERVICE_H
#define PORTICO_CONTRACT_SERVICE_H
#include <jansson.h>
#include "calendar.h"
#include "db.h"

struct contract_ctx {
  json_t *contract;            /* store row JSON (owned) */
  json_t *variant;             /* its plan variant (owned) */
  struct contract_terms terms;
  struct contract_terms next;  /* the follow-up variant of next step "change" */
  char tz[64];
  instant_t start, end;        /* end 0: open */
  int annulled, cancelled;
  enum payment_mode mode;
};

/* Loads contract + variant + time zone. found 0 when there is no such contract. */
enum db_status contract_load(const char *id, struct contract_ctx *c, int *found);
void contract_ctx_free(struct contract_ctx *c);
/* The contract JSON with status, trialEndDate, currentTermEndDate, nextBillingDate and cancellationPreview at now.
 * New reference. */
json_t *contract_view(const struct contract_ctx *c, instant_t now);
/* "notStarted" | "inTrial" | "active" | "cancellationPending" | "ended" | "annulled". */
const char *contract_status(const struct contract_ctx *c, instant_t now);
/* The end an uncancelled contract has anyway (next step "end": E0), or 0. */
instant_t contract_fixed_end(const struct contract_terms *terms, const char *tz, instant_t start);
/* {endDate, nextPossibleCancellationDate, lastServiceDay, inTrial}, or NULL when no cancellation reaches an end. */
json_t *contract_preview_json(const struct contract_ctx *c, instant_t at);
/* Builds calendar terms from a plan variant's JSON. */
void contract_terms_of(const json_t *variant, struct contract_terms *t);

#endif

/* calendar.h: the contract calendar of DESIGN §5: trial, term ends, notice, cancellation preview, billing dates.
 * Pure: no I/O, no globals; the time zone name and `now`/`t` come in as arguments. */
#ifndef PORTICO_CALENDAR_H
#define PORTICO_CALENDAR_H
#include "period.h"
#include "rfc3339.h"

enum next_step { NEXT_RENEW = 0, NEXT_END, NEXT_CHANGE };
enum payment_mode { PAYMENT_PREPAID = 0, PAYMENT_POSTPAID };

/* The calendar-relevant part of a plan variant. */
struct contract_terms {
  struct period trial;
  struct period contract;            /* first term; none = no minimum term (ends follow the billing period) */
  struct period later_contract;      /* each renewal; none = indefinite after the first term */
  struct period cancellation;        /* notice to reach the first end; none = no notice */
  struct period later_cancellation;  /* notice to reach any later end; none = no notice */
  struct period billing;
  enum next_step next_step;
  const struct contract_terms *next; /* the variant a NEXT_CHANGE contract continues as (its own trial ignored) */
};

enum cal_status {
  CAL_OK = 0,
  CAL_BAD_ZONE,       /* unknown time zone */
  CAL_BAD_TERMS,      /* e.g. no contract period and no billing period, or change without next terms */
  CAL_ENDED,          /* the contract has ended, or ends at E0 whatever happens (next step end), at t */
};

struct cancellation_preview {
  instant_t end_date;                    /* the contract ends at this local midnight */
  instant_t next_possible_cancellation;  /* the last instant a cancellation still reaches end_date */
  struct local_date last_service_day;    /* local date of end_date - 1 s */
  int in_trial;                          /* cancelled during the trial: free of charge */
};

/* The instant the paid term (and billing) starts: local midnight of A + trial, or `start` itself without trial. */
enum cal_status calendar_term_start(const struct contract_terms *c, const char *tz, instant_t start, instant_t *out);
/* E_k, the k-th possible end (k >= 0) as a local midnight. For no-contract-period variants the billing ends. */
enum cal_status calendar_term_end(const struct contract_terms *c, const char *tz, instant_t start, long k,
                                  instant_t *out);
/* When a cancellation received at t ends the contract, per DESIGN §5 (trial, fixed renewals, indefinite terms
 * under § 309 Nr. 9 BGB with §§ 187/188 day counting, next step end/change). */
enum cal_status calendar_cancellation_preview(const struct contract_terms *c, const char *tz, instant_t start,
                                              instant_t t, struct cancellation_preview *out);
/* The first billing date strictly after t (B_k = term start + k * billing, one step from the term start). With
 * end_date != 0 no date at or after the end is returned, except the postpaid final invoice at the end itself.
 * CAL_ENDED when there is no further billing date. */
enum cal_status calendar_next_billing(const struct contract_terms *c, const char *tz, instant_t start,
                                      enum payment_mode mode, instant_t end_date, instant_t t, instant_t *out);

struct billing_period {
  instant_t from, to; /* [from, to) */
};
/* The billing periods that overlap [from, to), at most max of them; returns their count, or -1. */
int calendar_billing_periods(const struct contract_terms *c, const char *tz, instant_t start, instant_t from,
                             instant_t to, struct billing_period *out, int max);

/* One rule violation of a plan variant's terms. */
struct terms_violation {
  const char *field; /* e.g. "contractPeriod" */
  const char *code;  /* e.g. "consumer_first_term_over_24_months" */
};
/* Checks the terms (billing set and a multiple of fee period; later fields only with a contract period; change
 * needs next; consumer variants obey § 309 Nr. 9 BGB). Returns the number of violations written (<= max). */
int calendar_check_terms(const struct contract_terms *c, struct period fee, int is_consumer,
                         struct terms_violation *out, int max);

#endif

/* payment_data.h: checks and masking of payment data: IBAN (ISO 13616), SEPA creditor identifier, mandate
 * reference, card number (Luhn) and expiry. Only masked forms ever leave the service. */
#ifndef PORTICO_PAYMENT_DATA_H
#define PORTICO_PAYMENT_DATA_H
#include <stddef.h>
#include "rfc3339.h"

enum iban_status { IBAN_OK = 0, IBAN_BAD_CHARACTERS, IBAN_UNKNOWN_COUNTRY, IBAN_WRONG_LENGTH, IBAN_BAD_CHECKSUM };

/* Drops spaces, upper-cases into out (cap >= 35). 0, or -1 when too long. */
int iban_normalize(const char *in, char *out, size_t cap);
/* Checks a normalised IBAN: characters, country, that country's length, MOD-97 == 1. */
enum iban_status iban_check(const char *normalized);
/* "DE** **** 3000" style: country + last 4 ("DE…3000"); out cap >= 16. */
void iban_mask(const char *normalized, char *out, size_t cap);

/* SEPA creditor identifier (e.g. DE98ZZZ09999999999): format and ISO 7064 MOD 97-10 check digits. */
int creditor_id_valid(const char *id);
/* A mandate reference (max 35 chars, SEPA character set) from a contract/customer id: "PTC-" + 16 id chars. */
int mandate_reference(const char *id, char *out, size_t cap);

enum card_status { CARD_OK = 0, CARD_BAD_NUMBER, CARD_BAD_CHECKSUM, CARD_BAD_EXPIRY, CARD_EXPIRED };
/* Digits only after dropping spaces/dashes (12..19), Luhn; expiry month 1..12, year 2000..2099, and not before the
 * month of `now` (UTC; a card is valid through its expiry month). brand gets "visa", "mastercard", "amex" or
 * "card"; last4 gets the last four digits. */
enum card_status card_check(const char *number, int exp_month, int exp_year, instant_t now, const char **brand,
                            char last4[5]);

#endif

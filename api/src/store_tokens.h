/* store_tokens.h: the record of every portal token issued (never the token itself), for listing and revocation. */
#ifndef PORTICO_STORE_TOKENS_H
#define PORTICO_STORE_TOKENS_H
#include <jansson.h>
#include "db.h"
#include "rfc3339.h"

enum db_status store_token_insert(const char *jti, const char *contract_id, const char *created_by, instant_t expires);
enum db_status store_token_list(const char *contract_id, instant_t now, json_t **out);
/* *found 0 when the contract has no such token. */
enum db_status store_token_revoke(const char *contract_id, const char *jti, instant_t now, int *found);
/* 1 in *valid when jti is recorded for contract_id, not revoked, and the contract still exists. */
enum db_status store_token_valid(const char *jti, const char *contract_id, int *valid);

#endif

/* validate.h: small pure syntax checks shared by every resource (ids, strings). Domain validators build on it. */
#ifndef PORTICO_VALIDATE_H
#define PORTICO_VALIDATE_H
#include <stddef.h>

/* Canonical textual UUID, any version, case-insensitive: 8-4-4-4-12 hex digits. */
int validate_uuid(const char *s);
/* Valid UTF-8 of at most max_bytes bytes, without NUL or C0 control characters other than tab/newline. */
int validate_text(const char *s, size_t max_bytes);

#endif

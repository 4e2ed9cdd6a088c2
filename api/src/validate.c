/* validate.c: syntax checks with no I/O. Callers turn a failed check into a field error (errors.h). */
#include "validate.h"
#include <string.h>

int validate_uuid(const char *s)
{
  if (!s || strlen(s) != 36) {
    return 0;
  }
  for (int i = 0; i < 36; i++) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') {
        return 0;
      }
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return 0;
    }
  }
  return 1;
}

int validate_text(const char *s, size_t max_bytes)
{
  if (!s) {
    return 0;
  }
  size_t n = 0;
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    unsigned char c = *p;
    int extra;
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n') {
        return 0;
      }
      extra = 0;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      return 0;
    }
    for (int i = 1; i <= extra; i++) {
      if ((p[i] & 0xC0) != 0x80) {
        return 0;
      }
    }
    p += 1 + extra;
    n += 1 + (size_t)extra;
    if (n > max_bytes) {
      return 0;
    }
  }
  return 1;
}

/* embedded.h: files compiled into the binary at build time (tools/embed.c), e.g. the SQL migrations. */
#ifndef PORTICO_EMBEDDED_H
#define PORTICO_EMBEDDED_H
#include <stddef.h>

struct embedded_file {
  const char *name;
  const char *data;
  size_t len;
};

extern const struct embedded_file migrations_embedded[];
extern const size_t migrations_embedded_count;

#endif

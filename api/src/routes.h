/* routes.h: the route table (every route the server answers; openapi.yaml must list exactly these). */
#ifndef PORTICO_ROUTES_H
#define PORTICO_ROUTES_H
#include <stdio.h>
#include "http.h"

extern const struct route ROUTES[];
extern const size_t ROUTES_COUNT;
/* The catch-all: 405 when the path exists with another method, else 404; both in the error shape. */
extern const struct route ROUTE_FALLBACK;

/* Prints "METHOD /path/{var}" lines in the spec's syntax (for `portico routes` and the spec test). */
void routes_print(FILE *out);
/* 1 when a concrete path matches a route pattern (":var" matches one non-empty segment). */
int routes_path_matches(const struct route *r, const char *path);

#endif

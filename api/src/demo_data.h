/* demo_data.h: `portico demo-data`, the demo catalog used by scripts/demo and the browser tests. */
#ifndef PORTICO_DEMO_DATA_H
#define PORTICO_DEMO_DATA_H
#include <stdio.h>

/* Creates what is missing (matched by externalId; settings only when none are stored) and prints the signup URLs
 * of the self-service variants under public_url. Returns 0, or -1 after printing why. */
int demo_data_load(const char *public_url, FILE *out);

#endif

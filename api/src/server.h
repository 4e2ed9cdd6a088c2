/* server.h: runs the HTTP server until SIGINT/SIGTERM. */
#ifndef PORTICO_SERVER_H
#define PORTICO_SERVER_H
#include "http.h"

/* Blocks SIGINT/SIGTERM in the calling thread (call before any thread starts, so all threads inherit it). */
void server_block_signals(void);
/* Serves until a signal arrives. Returns 0 after a clean stop, -1 when the server could not start. */
int server_run(const struct app *app);

#endif

/* server.c: the Ulfius instance and its thread model. libmicrohttpd's internal polling thread pool with epoll
 * (PORTICO_HTTP_THREADS threads), not a thread per connection: STACK.md measured ~175k vs ~100k req/s and p99
 * 1 ms vs 240 ms with PostgreSQL. Each pool thread lazily owns one PostgreSQL connection (db.c).
 * Ulfius ignores bind_address with custom MHD options, so the socket address is passed as MHD_OPTION_SOCK_ADDR.
 * Every route goes through http_dispatch with a binding that carries the route and the read-only app. */
#include "server.h"
#include "log.h"
#include "routes.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

void server_block_signals(void)
{
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  signal(SIGPIPE, SIG_IGN);
}

union sockaddr_any {
  struct sockaddr sa;
  struct sockaddr_in v4;
  struct sockaddr_in6 v6;
};

static int make_address(const struct config *cfg, union sockaddr_any *addr, int *is_v6)
{
  memset(addr, 0, sizeof *addr);
  const char *host = cfg->listen_host;
  if (strcmp(host, "localhost") == 0) {
    host = "127.0.0.1";
  }
  if (inet_pton(AF_INET, host, &addr->v4.sin_addr) == 1) {
    addr->v4.sin_family = AF_INET;
    addr->v4.sin_port = htons((uint16_t)cfg->listen_port);
    *is_v6 = 0;
    return 0;
  }
  if (inet_pton(AF_INET6, host, &addr->v6.sin6_addr) == 1) {
    addr->v6.sin6_family = AF_INET6;
    addr->v6.sin6_port = htons((uint16_t)cfg->listen_port);
    *is_v6 = 1;
    return 0;
  }
  return -1;
}

static int register_routes(struct _u_instance *inst, struct route_binding *bindings, const struct app *app)
{
  for (size_t i = 0; i < ROUTES_COUNT; i++) {
    bindings[i].route = &ROUTES[i];
    bindings[i].app = app;
    if (ulfius_add_endpoint_by_val(inst, ROUTES[i].method, ROUTES[i].prefix, ROUTES[i].pattern, 0, http_dispatch,
                                   &bindings[i]) != U_OK) {
      log_error("cannot register route %s %s%s", ROUTES[i].method, ROUTES[i].prefix, ROUTES[i].pattern);
      return -1;
    }
  }
  bindings[ROUTES_COUNT].route = &ROUTE_FALLBACK;
  bindings[ROUTES_COUNT].app = app;
  if (ulfius_set_default_endpoint(inst, http_dispatch, &bindings[ROUTES_COUNT]) != U_OK) {
    return -1;
  }
  return 0;
}

static int wait_for_signal(void)
{
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
  return sig;
}

int server_run(const struct app *app)
{
  const struct config *cfg = &app->cfg;
  struct _u_instance inst;
  union sockaddr_any addr;
  int is_v6 = 0, rc = -1;
  struct route_binding *bindings = calloc(ROUTES_COUNT + 1, sizeof *bindings);
  if (!bindings || make_address(cfg, &addr, &is_v6) != 0) {
    log_error("PORTICO_LISTEN host '%s' is not a numeric IPv4/IPv6 address or localhost", cfg->listen_host);
    free(bindings);
    return -1;
  }
  if (ulfius_init_instance(&inst, (unsigned int)cfg->listen_port, NULL, NULL) != U_OK) {
    free(bindings);
    return -1;
  }
  /* Ulfius truncates silently at the limit: take one byte more so http.c can see "too large" and answer 413. */
  inst.max_post_body_size = cfg->max_body + 1;
  if (register_routes(&inst, bindings, app) != 0) {
    goto out;
  }
  struct MHD_OptionItem ops[] = {
    {MHD_OPTION_THREAD_POOL_SIZE, cfg->http_threads, NULL},
    {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)mhd_request_completed, NULL},
    {MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)ulfius_uri_logger, NULL},
    {MHD_OPTION_SOCK_ADDR, 0, &addr.sa},
    {MHD_OPTION_CONNECTION_TIMEOUT, 60, NULL},
    {MHD_OPTION_END, 0, NULL},
  };
  unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
  if (is_v6) {
    flags |= MHD_USE_IPv6;
  }
  if (ulfius_start_framework_with_mhd_options(&inst, flags, ops) != U_OK) {
    log_error("cannot listen on %s:%d (in use, or not permitted)", cfg->listen_host, cfg->listen_port);
    goto out;
  }
  log_info("portico listening on %s:%d with %d HTTP threads (%s)", cfg->listen_host, cfg->listen_port,
           cfg->http_threads, config_env_name(cfg->env));
  if (cfg->env == ENV_TEST) {
    log_warning("PORTICO_ENV=test: the X-Portico-Now fake clock is ON; never run production like this");
  }
  int sig = wait_for_signal();
  log_info("signal %d: stopping", sig);
  ulfius_stop_framework(&inst);
  rc = 0;
out:
  ulfius_clean_instance(&inst);
  free(bindings);
  return rc;
}

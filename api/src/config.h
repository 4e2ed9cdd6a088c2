/* config.h: Portico's runtime configuration, read from PORTICO_* environment variables (DESIGN §3). */
#ifndef PORTICO_CONFIG_H
#define PORTICO_CONFIG_H
#include <stddef.h>
#include <stdio.h>

enum portico_env { ENV_DEVELOPMENT, ENV_TEST, ENV_PRODUCTION };

struct config {
  char database_url[1024];   /* empty: libpq's PG* variables apply */
  char listen_host[256];
  int listen_port;
  char public_url[512];
  char signing_keys[4096];   /* "kid:secret,...", newest first; empty: development key from the database */
  int http_threads;
  int workers;
  char smtp_url[512];
  int log_level;             /* 0 error, 1 warning, 2 info, 3 debug */
  char log_mode[16];         /* console | syslog | journald */
  size_t max_body;
  char static_dir[512];
  enum portico_env env;
  int token_ttl;             /* merchant access token lifetime, seconds */
};

typedef const char *(*getenv_fn)(const char *name);

/* Fills cfg from getenv (pass the real getenv, or a table in tests). Returns 0, or -1 with a message in err. */
int config_load(struct config *cfg, getenv_fn get, char *err, size_t errlen);
/* Prints every PORTICO_* variable with its default and meaning. */
void config_print_help(FILE *out);
const char *config_env_name(enum portico_env env);

#endif

/* config.c: parses PORTICO_* variables into struct config and documents them for `--help`.
 * Pure apart from the injected getenv: the variable table below is the single source of names and defaults. */
#include "config.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct var {
  const char *name;
  const char *def;
  const char *help;
};

static const struct var VARS[] = {
  {"PORTICO_DATABASE_URL", "", "libpq URL (postgresql://user@host:port/db); empty: the standard PG* variables apply"},
  {"PORTICO_LISTEN", "127.0.0.1:8080", "address:port the HTTP server binds ([::1]:8080 for IPv6)"},
  {"PORTICO_PUBLIC_URL", "http://127.0.0.1:8080", "public base URL used in signup, portal and PDF links"},
  {"PORTICO_SIGNING_KEYS", "", "JWT HS256 keys kid:secret,... newest first (secret >= 32 bytes); required in production"},
  {"PORTICO_HTTP_THREADS", "(cores)", "HTTP thread-pool size, one PostgreSQL connection each (1..256)"},
  {"PORTICO_WORKERS", "1", "background worker threads in `serve` (0..64); reserved: no background jobs exist in this version"},
  {"PORTICO_SMTP_URL", "", "smtp[s]://user:pass@host:port for e-mail delivery; reserved: e-mails arrive in a later version"},
  {"PORTICO_LOG_LEVEL", "info", "error | warning | info | debug"},
  {"PORTICO_LOG_MODE", "console", "console | syslog | journald"},
  {"PORTICO_MAX_BODY", "65536", "largest accepted request body in bytes (1024..16777216); larger answers 413"},
  {"PORTICO_STATIC_DIR", "frontend/dist", "directory of the signup/portal pages served under /; reserved: the pages arrive in a later version"},
  {"PORTICO_ENV", "development", "production | development | test (test enables the X-Portico-Now fake clock)"},
  {"PORTICO_TOKEN_TTL", "3600", "lifetime of merchant access tokens in seconds (60..86400)"},
};

void config_print_help(FILE *out)
{
  fprintf(out, "Environment variables (default in brackets):\n");
  for (size_t i = 0; i < sizeof VARS / sizeof VARS[0]; i++) {
    fprintf(out, "  %-22s [%s]\n      %s\n", VARS[i].name, VARS[i].def, VARS[i].help);
  }
}

const char *config_env_name(enum portico_env env)
{
  switch (env) {
  case ENV_PRODUCTION: return "production";
  case ENV_TEST: return "test";
  default: return "development";
  }
}

static const char *value_of(getenv_fn get, const char *name)
{
  const char *v = get(name);
  if (v && *v) {
    return v;
  }
  for (size_t i = 0; i < sizeof VARS / sizeof VARS[0]; i++) {
    if (strcmp(VARS[i].name, name) == 0) {
      return VARS[i].def;
    }
  }
  return "";
}

static int parse_long(const char *s, long min, long max, long *out)
{
  char *end = NULL;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || end == s || *end != '\0' || v < min || v > max) {
    return -1;
  }
  *out = v;
  return 0;
}

static int copy(char *dst, size_t len, const char *src)
{
  if (strlen(src) >= len) {
    return -1;
  }
  memcpy(dst, src, strlen(src) + 1);
  return 0;
}

static int parse_listen(struct config *cfg, const char *s, char *err, size_t errlen)
{
  const char *colon = strrchr(s, ':');
  long port;
  if (!colon || colon == s || parse_long(colon + 1, 1, 65535, &port)) {
    snprintf(err, errlen, "PORTICO_LISTEN must be host:port with port 1..65535, got '%s'", s);
    return -1;
  }
  size_t hlen = (size_t)(colon - s);
  if (s[0] == '[' && colon[-1] == ']') { /* [::1]:8080 */
    s++;
    hlen -= 2;
  }
  if (hlen == 0 || hlen >= sizeof cfg->listen_host) {
    snprintf(err, errlen, "PORTICO_LISTEN host is empty or too long");
    return -1;
  }
  memcpy(cfg->listen_host, s, hlen);
  cfg->listen_host[hlen] = '\0';
  cfg->listen_port = (int)port;
  return 0;
}

static int parse_enum(const char *s, const char *const *names, int n)
{
  for (int i = 0; i < n; i++) {
    if (strcmp(s, names[i]) == 0) {
      return i;
    }
  }
  return -1;
}

int config_load(struct config *cfg, getenv_fn get, char *err, size_t errlen)
{
  memset(cfg, 0, sizeof *cfg);
  long v;
#define TEXT(field, name)                                                                                          \
  if (copy(cfg->field, sizeof cfg->field, value_of(get, name))) {                                                 \
    snprintf(err, errlen, "%s is too long (at most %zu bytes)", name, sizeof cfg->field - 1);                      \
    return -1;                                                                                                     \
  }
  TEXT(database_url, "PORTICO_DATABASE_URL");
  TEXT(public_url, "PORTICO_PUBLIC_URL");
  TEXT(signing_keys, "PORTICO_SIGNING_KEYS");
  TEXT(smtp_url, "PORTICO_SMTP_URL");
  TEXT(static_dir, "PORTICO_STATIC_DIR");
  TEXT(log_mode, "PORTICO_LOG_MODE");
#undef TEXT
  if (parse_listen(cfg, value_of(get, "PORTICO_LISTEN"), err, errlen)) {
    return -1;
  }
  size_t pul = strlen(cfg->public_url);
  if ((strncmp(cfg->public_url, "http://", 7) && strncmp(cfg->public_url, "https://", 8)) || pul < 10) {
    snprintf(err, errlen, "PORTICO_PUBLIC_URL must be an http(s) URL, got '%s'", cfg->public_url);
    return -1;
  }
  while (pul > 0 && cfg->public_url[pul - 1] == '/') {
    cfg->public_url[--pul] = '\0';
  }
  const char *threads = value_of(get, "PORTICO_HTTP_THREADS");
  if (strcmp(threads, "(cores)") == 0) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cfg->http_threads = cores < 1 ? 1 : cores > 256 ? 256 : (int)cores;
  } else if (parse_long(threads, 1, 256, &v) == 0) {
    cfg->http_threads = (int)v;
  } else {
    snprintf(err, errlen, "PORTICO_HTTP_THREADS must be 1..256, got '%s'", threads);
    return -1;
  }
  if (parse_long(value_of(get, "PORTICO_WORKERS"), 0, 64, &v)) {
    snprintf(err, errlen, "PORTICO_WORKERS must be 0..64");
    return -1;
  }
  cfg->workers = (int)v;
  if (parse_long(value_of(get, "PORTICO_MAX_BODY"), 1024, 16777216, &v)) {
    snprintf(err, errlen, "PORTICO_MAX_BODY must be 1024..16777216 bytes");
    return -1;
  }
  cfg->max_body = (size_t)v;
  if (parse_long(value_of(get, "PORTICO_TOKEN_TTL"), 60, 86400, &v)) {
    snprintf(err, errlen, "PORTICO_TOKEN_TTL must be 60..86400 seconds");
    return -1;
  }
  cfg->token_ttl = (int)v;
  static const char *const levels[] = {"error", "warning", "info", "debug"};
  cfg->log_level = parse_enum(value_of(get, "PORTICO_LOG_LEVEL"), levels, 4);
  if (cfg->log_level < 0) {
    snprintf(err, errlen, "PORTICO_LOG_LEVEL must be error, warning, info or debug");
    return -1;
  }
  static const char *const modes[] = {"console", "syslog", "journald"};
  if (parse_enum(cfg->log_mode, modes, 3) < 0) {
    snprintf(err, errlen, "PORTICO_LOG_MODE must be console, syslog or journald");
    return -1;
  }
  static const char *const envs[] = {"development", "test", "production"};
  int e = parse_enum(value_of(get, "PORTICO_ENV"), envs, 3);
  if (e < 0) {
    snprintf(err, errlen, "PORTICO_ENV must be production, development or test");
    return -1;
  }
  cfg->env = e == 0 ? ENV_DEVELOPMENT : e == 1 ? ENV_TEST : ENV_PRODUCTION;
  if (cfg->env == ENV_PRODUCTION && cfg->signing_keys[0] == '\0') {
    snprintf(err, errlen, "PORTICO_SIGNING_KEYS is required when PORTICO_ENV=production");
    return -1;
  }
  return 0;
}

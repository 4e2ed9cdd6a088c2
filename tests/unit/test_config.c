/* Unit tests of config.c: defaults, every variable's parsing, and the refusals, through an injected environment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "config.h"

static const char *const *g_env; /* NULL-terminated name, value pairs */

static const char *fake_getenv(const char *name)
{
  for (const char *const *p = g_env; p && *p; p += 2) {
    if (strcmp(p[0], name) == 0) {
      return p[1];
    }
  }
  return NULL;
}

static int load_with(const char *const *env, struct config *cfg, char *err)
{
  g_env = env;
  return config_load(cfg, fake_getenv, err, 256);
}

static void test_defaults(void **state)
{
  static const char *const env[] = {NULL};
  struct config c;
  char err[256];
  assert_int_equal(load_with(env, &c, err), 0);
  assert_string_equal(c.listen_host, "127.0.0.1");
  assert_int_equal(c.listen_port, 8080);
  assert_int_equal(c.max_body, 65536);
  assert_int_equal(c.env, ENV_DEVELOPMENT);
  assert_true(c.http_threads >= 1);
  assert_int_equal(c.workers, 1);
  assert_int_equal(c.log_level, 2);
  assert_string_equal(c.public_url, "http://127.0.0.1:8080");
  assert_string_equal(c.database_url, "");
  assert_int_equal(c.token_ttl, 3600);
}

static void test_values_are_parsed(void **state)
{
  static const char *const env[] = {
    "PORTICO_LISTEN", "[::1]:9090", "PORTICO_HTTP_THREADS", "8", "PORTICO_MAX_BODY", "2048",
    "PORTICO_ENV", "test", "PORTICO_LOG_LEVEL", "debug", "PORTICO_PUBLIC_URL", "https://pay.example.com/",
    "PORTICO_DATABASE_URL", "postgresql://u@h/db", "PORTICO_WORKERS", "0", NULL};
  struct config c;
  char err[256];
  assert_int_equal(load_with(env, &c, err), 0);
  assert_string_equal(c.listen_host, "::1");
  assert_int_equal(c.listen_port, 9090);
  assert_int_equal(c.http_threads, 8);
  assert_int_equal(c.max_body, 2048);
  assert_int_equal(c.env, ENV_TEST);
  assert_int_equal(c.log_level, 3);
  assert_string_equal(c.public_url, "https://pay.example.com"); /* trailing slash dropped */
  assert_string_equal(c.database_url, "postgresql://u@h/db");
  assert_int_equal(c.workers, 0);
}

struct bad_case {
  const char *name;
  const char *value;
  const char *mentions;
};

static void test_bad_values_are_refused_with_the_variable_named(void **state)
{
  static const struct bad_case cases[] = {
    {"PORTICO_LISTEN", "8080", "PORTICO_LISTEN"},
    {"PORTICO_LISTEN", "127.0.0.1:0", "PORTICO_LISTEN"},
    {"PORTICO_LISTEN", "127.0.0.1:70000", "PORTICO_LISTEN"},
    {"PORTICO_LISTEN", ":8080", "PORTICO_LISTEN"},
    {"PORTICO_HTTP_THREADS", "0", "PORTICO_HTTP_THREADS"},
    {"PORTICO_HTTP_THREADS", "4x", "PORTICO_HTTP_THREADS"},
    {"PORTICO_HTTP_THREADS", "1000", "PORTICO_HTTP_THREADS"},
    {"PORTICO_MAX_BODY", "10", "PORTICO_MAX_BODY"},
    {"PORTICO_MAX_BODY", "-5", "PORTICO_MAX_BODY"},
    {"PORTICO_ENV", "prod", "PORTICO_ENV"},
    {"PORTICO_LOG_LEVEL", "verbose", "PORTICO_LOG_LEVEL"},
    {"PORTICO_LOG_MODE", "file", "PORTICO_LOG_MODE"},
    {"PORTICO_PUBLIC_URL", "ftp://x.example", "PORTICO_PUBLIC_URL"},
    {"PORTICO_WORKERS", "65", "PORTICO_WORKERS"},
    {"PORTICO_TOKEN_TTL", "5", "PORTICO_TOKEN_TTL"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *env[] = {cases[i].name, cases[i].value, NULL};
    struct config c;
    char err[256] = "";
    if (load_with(env, &c, err) != -1) {
      fail_msg("%s=%s was accepted", cases[i].name, cases[i].value);
    }
    if (!strstr(err, cases[i].mentions)) {
      fail_msg("error for %s=%s does not name it: %s", cases[i].name, cases[i].value, err);
    }
  }
}

static void test_production_requires_signing_keys(void **state)
{
  static const char *const env[] = {"PORTICO_ENV", "production", NULL};
  struct config c;
  char err[256];
  assert_int_equal(load_with(env, &c, err), -1);
  assert_non_null(strstr(err, "PORTICO_SIGNING_KEYS"));
  static const char *const env2[] = {"PORTICO_ENV", "production", "PORTICO_SIGNING_KEYS",
                                     "k1:0123456789abcdef0123456789abcdef", NULL};
  assert_int_equal(load_with(env2, &c, err), 0);
  assert_int_equal(c.env, ENV_PRODUCTION);
}

static void test_too_long_text_is_refused(void **state)
{
  static char longurl[2000];
  memset(longurl, 'a', sizeof longurl - 1);
  const char *env[] = {"PORTICO_DATABASE_URL", longurl, NULL};
  struct config c;
  char err[256];
  assert_int_equal(load_with(env, &c, err), -1);
  assert_non_null(strstr(err, "PORTICO_DATABASE_URL"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_defaults),
    cmocka_unit_test(test_values_are_parsed),
    cmocka_unit_test(test_bad_values_are_refused_with_the_variable_named),
    cmocka_unit_test(test_production_requires_signing_keys),
    cmocka_unit_test(test_too_long_text_is_refused),
  };
  return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}

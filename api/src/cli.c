/* cli.c: dispatches `portico <command>` and implements the small administrative commands. Each command loads the
 * configuration, opens the database through db.c, does one thing and returns an exit status (0 ok, 1 failure,
 * 2 usage). Long-running work (serve) is in server.c. */
#include "cli.h"
#include "config.h"
#include "demo_data.h"
#include "crypto.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "migrate.h"
#include "routes.h"
#include "server.h"
#include "store.h"
#include "store_orders.h"
#include "store_tokens.h"
#include "validate.h"
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALL_SCOPES "merchant:read merchant:write"

static const char *env_get(const char *name)
{
  return getenv(name);
}

static void usage(FILE *out)
{
  fprintf(out,
          "portico: hosted signup pages and customer self-service portal for subscription businesses\n\n"
          "Usage: portico <command> [options]\n\n"
          "Commands:\n"
          "  serve                      HTTP API and pages (refuses an unmigrated database)\n"
          "  migrate [--status]         apply pending database migrations (or only count them)\n"
          "  client create --name N [--scopes \"merchant:read merchant:write\"]\n"
          "                             create an API client; prints client_id and client_secret once\n"
          "  demo-data                  load the demo catalog (idempotent) and print its signup URLs\n"
          "  token --contract ID [--minutes M]\n"
          "                             issue a self-service portal link for a contract (M: 1..10080)\n"
          "  routes                     list every HTTP route (METHOD /path)\n"
          "  version                    print the version\n"
          "  help                       this text\n\n");
  config_print_help(out);
}

static int load(struct config *cfg)
{
  char err[256];
  if (config_load(cfg, env_get, err, sizeof err) != 0) {
    fprintf(stderr, "portico: configuration error: %s\n", err);
    return -1;
  }
  log_init(cfg->log_mode, cfg->log_level);
  db_init(cfg->database_url);
  return 0;
}

static int load_keys(struct app *app)
{
  char err[256];
  if (app->cfg.signing_keys[0]) {
    if (keyring_parse(&app->keys, app->cfg.signing_keys, err, sizeof err) != 0) {
      fprintf(stderr, "portico: PORTICO_SIGNING_KEYS: %s\n", err);
      return -1;
    }
    return 0;
  }
  char kid[64], secret[256];
  if (store_keys_dev(kid, sizeof kid, secret, sizeof secret) != DB_OK ||
      keyring_add(&app->keys, kid, secret, err, sizeof err) != 0) {
    fprintf(stderr, "portico: cannot load the development signing key: %s\n", db_last_error());
    return -1;
  }
  log_warning("PORTICO_SIGNING_KEYS is unset: using the development key stored in the database");
  memset(secret, 0, sizeof secret);
  return 0;
}

static int cmd_serve(int argc, char **argv)
{
  if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
    printf("Usage: portico serve\n\n");
    config_print_help(stdout);
    return 0;
  }
  struct app *app = calloc(1, sizeof *app);
  int rc = 1;
  char err[512];
  if (!app || load(&app->cfg) != 0) {
    goto out;
  }
  int pending = migrate_pending(err, sizeof err);
  if (pending < 0) {
    fprintf(stderr, "portico: %s\n", err);
    goto out;
  }
  if (pending > 0) {
    fprintf(stderr, "portico: the database has %d pending migration(s); run `portico migrate` first\n", pending);
    goto out;
  }
  if (load_keys(app) != 0) {
    goto out;
  }
  server_block_signals();
  rc = server_run(app) == 0 ? 0 : 1;
out:
  if (app) {
    keyring_wipe(&app->keys);
  }
  free(app);
  return rc;
}

static int cmd_migrate(int argc, char **argv)
{
  struct config cfg;
  char err[512];
  if (load(&cfg) != 0) {
    return 1;
  }
  if (argc > 2 && strcmp(argv[2], "--status") == 0) {
    int pending = migrate_pending(err, sizeof err);
    if (pending < 0) {
      fprintf(stderr, "portico: %s\n", err);
      return 1;
    }
    printf("pending: %d\n", pending);
    return 0;
  }
  int n = migrate_apply(err, sizeof err);
  if (n < 0) {
    fprintf(stderr, "portico: migrate: %s\n", err);
    return 1;
  }
  printf("migrations applied: %d\n", n);
  return 0;
}

static int scopes_valid(const char *s)
{
  if (!*s || strlen(s) > 200) {
    return 0;
  }
  for (const char *p = s; *p;) {
    size_t n = strcspn(p, " ");
    char word[64];
    if (n == 0 || n >= sizeof word) {
      return 0;
    }
    memcpy(word, p, n);
    word[n] = '\0';
    if (strcmp(word, "merchant:read") != 0 && strcmp(word, "merchant:write") != 0) {
      return 0;
    }
    p += n;
    p += *p == ' ';
  }
  return 1;
}

static int cmd_client(int argc, char **argv)
{
  const char *name = NULL, *scopes = ALL_SCOPES;
  if (argc < 3 || strcmp(argv[2], "create") != 0) {
    fprintf(stderr, "usage: portico client create --name N [--scopes \"%s\"]\n", ALL_SCOPES);
    return 2;
  }
  for (int i = 3; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--name") == 0) {
      name = argv[i + 1];
    } else if (strcmp(argv[i], "--scopes") == 0) {
      scopes = argv[i + 1];
    }
  }
  if (!name || !*name || strlen(name) > 200 || !scopes_valid(scopes)) {
    fprintf(stderr, "usage: portico client create --name N (1..200 chars) [--scopes \"%s\"]\n", ALL_SCOPES);
    return 2;
  }
  struct config cfg;
  if (load(&cfg) != 0) {
    return 1;
  }
  uint8_t raw[32], h[32];
  char secret[48], hex[65], id[37];
  if (crypto_random(raw, sizeof raw) != 0) {
    fprintf(stderr, "portico: no randomness available\n");
    return 1;
  }
  crypto_b64url_encode(raw, sizeof raw, secret);
  crypto_sha256(secret, strlen(secret), h);
  crypto_hex(h, 32, hex);
  enum db_status st = store_client_create(name, scopes, hex, id);
  if (st != DB_OK) {
    fprintf(stderr, "portico: cannot create the client: %s\n", db_last_error());
    return 1;
  }
  printf("client_id: %s\nclient_secret: %s\nscopes: %s\n", id, secret, scopes);
  fprintf(stderr, "The secret is shown only now; store it safely.\n");
  return 0;
}

static int cmd_demo_data(void)
{
  struct config cfg;
  char err[512];
  if (load(&cfg) != 0) {
    return 1;
  }
  int pending = migrate_pending(err, sizeof err);
  if (pending != 0) {
    fprintf(stderr, "portico: %s\n", pending < 0 ? err : "the database is not migrated; run `portico migrate`");
    return 1;
  }
  return demo_data_load(cfg.public_url, stdout) == 0 ? 0 : 1;
}

static int cmd_token(int argc, char **argv)
{
  const char *contract = NULL;
  long minutes = 0;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--contract") == 0) {
      contract = argv[i + 1];
    } else if (strcmp(argv[i], "--minutes") == 0) {
      char *end = NULL;
      minutes = strtol(argv[i + 1], &end, 10);
      if (*end || minutes < 1 || minutes > 10080) {
        minutes = -1;
      }
    }
  }
  if (!contract || !validate_uuid(contract) || minutes < 0) {
    fprintf(stderr, "usage: portico token --contract ID [--minutes 1..10080]\n");
    return 2;
  }
  struct app *app = calloc(1, sizeof *app);
  json_t *settings = NULL, *row = NULL;
  int rc = 1;
  if (!app || load(&app->cfg) != 0 || load_keys(app) != 0) {
    goto out;
  }
  if (settings_load(&settings) != DB_OK || store_contract_get(contract, &row) != DB_OK) {
    fprintf(stderr, "portico: database error: %s\n", db_last_error());
    goto out;
  }
  if (!row) {
    fprintf(stderr, "portico: no contract %s\n", contract);
    goto out;
  }
  if (!minutes) {
    minutes = (long)json_integer_value(json_object_get(settings, "portalTokenValidityMinutes"));
  }
  instant_t now = (instant_t)time(NULL);
  char jti[37], exp[32];
  char *token = token_issue(&app->keys, app->cfg.public_url, AUD_PORTAL, contract, NULL, now, (int)minutes * 60, jti);
  if (!token || store_token_insert(jti, contract, "cli", now + minutes * 60) != DB_OK) {
    fprintf(stderr, "portico: cannot issue the token: %s\n", db_last_error());
    free(token);
    goto out;
  }
  printf("%s/portal.html#/%s\n", app->cfg.public_url, token);
  fprintf(stderr, "valid until %s (jti %s)\n", rfc3339_format(now + minutes * 60, exp, sizeof exp), jti);
  free(token);
  rc = 0;
out:
  json_decref(settings);
  json_decref(row);
  if (app) {
    keyring_wipe(&app->keys);
  }
  free(app);
  return rc;
}

int cli_main(int argc, char **argv)
{
  const char *cmd = argc > 1 ? argv[1] : "help";
  int rc;
  if (strcmp(cmd, "serve") == 0) {
    rc = cmd_serve(argc, argv);
  } else if (strcmp(cmd, "migrate") == 0) {
    rc = cmd_migrate(argc, argv);
  } else if (strcmp(cmd, "client") == 0) {
    rc = cmd_client(argc, argv);
  } else if (strcmp(cmd, "token") == 0) {
    rc = cmd_token(argc, argv);
  } else if (strcmp(cmd, "demo-data") == 0) {
    rc = cmd_demo_data();
  } else if (strcmp(cmd, "routes") == 0) {
    routes_print(stdout);
    return 0;
  } else if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
    printf("portico 0.1.0\n");
    return 0;
  } else if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
    usage(stdout);
    return 0;
  } else {
    fprintf(stderr, "portico: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return 2;
  }
  db_shutdown();
  log_close();
  return rc;
}

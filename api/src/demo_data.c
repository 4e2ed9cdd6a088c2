/* demo_data.c: an idempotent demo catalog: two plan groups; monthly, yearly, 12-month-term (3 months notice),
 * trial and consumer (§ 309 BGB) variants; quantity, on/off (one at the reduced VAT rate) and metered components;
 * a coupon; German and English terms texts in the settings. Everything goes through catalog_create, so the demo
 * obeys the same rules as the API. Rows are matched by externalId, so re-running changes nothing. */
#include "demo_data.h"
#include "catalog_service.h"
#include "settings.h"
#include "store.h"
#include "store_catalog.h"
#include <string.h>

#define MONTH "{\"unit\": \"month\", \"quantity\": 1}"
#define YEAR "{\"unit\": \"year\", \"quantity\": 1}"

/* Copies tmpl into out with every @PARENT@ replaced by parent. */
static void fill(const char *tmpl, const char *parent, char *out, size_t cap)
{
  static const char MARK[] = "@PARENT@";
  size_t n = 0;
  while (*tmpl && n + 1 < cap) {
    if (strncmp(tmpl, MARK, sizeof MARK - 1) == 0) {
      n += (size_t)snprintf(out + n, cap - n, "%s", parent ? parent : "");
      tmpl += sizeof MARK - 1;
    } else {
      out[n++] = *tmpl++;
    }
  }
  out[n < cap ? n : cap - 1] = '\0';
}

/* Creates the row unless one with this externalId exists. tmpl is JSON text; @PARENT@ becomes the parent id. */
static int ensure(const struct resource_spec *spec, const char *external_id, const char *parent, const char *tmpl,
                  char id_out[37])
{
  if (store_catalog_find_external(spec, external_id, id_out) != DB_OK) {
    fprintf(stderr, "demo-data: database error: %s\n", db_last_error());
    return -1;
  }
  if (id_out[0]) {
    return 0;
  }
  char text[4096];
  fill(tmpl, parent, text, sizeof text);
  json_error_t jerr;
  json_t *body = json_loads(text, 0, &jerr);
  if (!body) {
    fprintf(stderr, "demo-data: bad template for %s: %s\n", external_id, jerr.text);
    return -1;
  }
  json_object_set_new(body, "externalId", json_string(external_id));
  struct field_errors fe = {0};
  enum db_status st = catalog_create(spec, body, &fe, id_out);
  json_decref(body);
  if (st == DB_CONFLICT && !field_errors_any(&fe)) { /* the merchant already has one with this code: keep it */
    fprintf(stderr, "demo-data: %s exists under another externalId; kept as it is\n", external_id);
    return 0;
  }
  if (field_errors_any(&fe) || st != DB_OK) {
    char *e = fe.list ? json_dumps(fe.list, JSON_COMPACT) : NULL;
    fprintf(stderr, "demo-data: cannot create %s: %s %s\n", external_id, e ? e : "", db_last_error());
    free(e);
    field_errors_clear(&fe);
    return -1;
  }
  return 0;
}

static const char SETTINGS[] =
  "{\"merchant\": {\"name\": \"Portico Demo GmbH\", \"email\": \"billing@demo.example\", \"address\": {\"street\": "
  "\"Friedrichstraße\", \"houseNumber\": \"123\", \"postalCode\": \"10117\", \"city\": \"Berlin\"}, \"country\": "
  "\"DE\", \"vatId\": \"DE123456789\", \"creditorId\": \"DE98ZZZ09999999999\", \"timeZone\": \"Europe/Berlin\", "
  "\"defaultLanguage\": \"de\", \"currency\": \"EUR\"},"
  " \"terms\": ["
  "{\"key\": \"termsAndConditions\", \"url\": \"https://demo.example/agb\", \"required\": true, \"text\": {"
  "\"de\": \"Ich akzeptiere die Allgemeinen Geschäftsbedingungen.\", \"en\": \"I accept the terms and conditions.\"}},"
  "{\"key\": \"privacyPolicy\", \"url\": \"https://demo.example/datenschutz\", \"required\": false, \"text\": {"
  "\"de\": \"Hinweise zum Datenschutz habe ich zur Kenntnis genommen.\", \"en\": \"I have read the privacy notice.\"}},"
  "{\"key\": \"withdrawalInstructions\", \"url\": \"https://demo.example/widerruf\", \"required\": true, \"text\": {"
  "\"de\": \"Ich habe die Widerrufsbelehrung gelesen.\", \"en\": \"I have read the cancellation policy.\"}}]}";

static int ensure_settings(void)
{
  json_t *stored = NULL;
  if (store_settings_get(&stored) != DB_OK) {
    return -1;
  }
  if (stored) {
    json_decref(stored);
    return 0;
  }
  json_t *doc = json_loads(SETTINGS, 0, NULL);
  json_t *full = settings_merge(doc);
  struct field_errors fe = {0};
  settings_validate(full, &fe);
  int rc = !field_errors_any(&fe) && store_settings_put(full) == DB_OK ? 0 : -1;
  if (rc) {
    fprintf(stderr, "demo-data: settings rejected\n");
  }
  field_errors_clear(&fe);
  json_decref(doc);
  json_decref(full);
  return rc;
}

int demo_data_load(const char *public_url, FILE *out)
{
  char office[37], academy[37], team[37], home[37], courses[37], id[37];
  char v_month[37], v_year[37], v_trial[37], v_home[37], v_acad[37], v_acad_year[37];
  if (ensure_settings() ||
      ensure(&RES_PLAN_GROUPS, "demo-office", NULL, "{\"name\": \"Cloud Office\", \"currency\": \"EUR\"}", office) ||
      ensure(&RES_PLAN_GROUPS, "demo-academy", NULL, "{\"name\": \"Video Academy\", \"currency\": \"EUR\"}", academy) ||
      ensure(&RES_COMPONENTS, "demo-seats", office,
             "{\"planGroupId\": \"@PARENT@\", \"type\": \"quantityBased\", \"name\": {\"de\": \"Zusätzliche Nutzer\", "
             "\"en\": \"Additional users\"}, \"unitName\": {\"de\": \"Nutzer\", \"en\": \"user\"}, \"unitPrice\": 250, "
             "\"feePeriod\": " MONTH ", \"minQuantity\": 0, \"maxQuantity\": 500}", id) ||
      ensure(&RES_COMPONENTS, "demo-support", office,
             "{\"planGroupId\": \"@PARENT@\", \"type\": \"onOff\", \"name\": {\"de\": \"Premium-Support\", \"en\": "
             "\"Premium support\"}, \"unitPrice\": 1500, \"feePeriod\": " MONTH "}", id) ||
      ensure(&RES_COMPONENTS, "demo-handbook", office,
             "{\"planGroupId\": \"@PARENT@\", \"type\": \"onOff\", \"name\": {\"de\": \"Handbuch (E-Book)\", \"en\": "
             "\"Handbook (e-book)\"}, \"unitPrice\": 500, \"feePeriod\": " MONTH ", \"taxCategory\": \"reduced\"}", id) ||
      ensure(&RES_COMPONENTS, "demo-storage", office,
             "{\"planGroupId\": \"@PARENT@\", \"type\": \"metered\", \"name\": {\"de\": \"Speicher über 100 GB\", \"en\": "
             "\"Storage above 100 GB\"}, \"unitName\": {\"de\": \"GB\", \"en\": \"GB\"}, \"unitPrice\": 9}", id) ||
      ensure(&RES_COMPONENTS, "demo-live", academy,
             "{\"planGroupId\": \"@PARENT@\", \"type\": \"quantityBased\", \"name\": {\"de\": \"Live-Sessions\", \"en\": "
             "\"Live sessions\"}, \"unitPrice\": 1900, \"feePeriod\": " MONTH ", \"maxQuantity\": 10}", id) ||
      ensure(&RES_PLANS, "demo-team", office,
             "{\"planGroupId\": \"@PARENT@\", \"name\": {\"de\": \"Team\", \"en\": \"Team\"}, \"description\": {\"de\": "
             "\"Für Teams bis 500 Personen\", \"en\": \"For teams of up to 500\"}}", team) ||
      ensure(&RES_PLANS, "demo-home", office,
             "{\"planGroupId\": \"@PARENT@\", \"name\": {\"de\": \"Privat\", \"en\": \"Home\"}}", home) ||
      ensure(&RES_PLANS, "demo-courses", academy,
             "{\"planGroupId\": \"@PARENT@\", \"name\": {\"de\": \"Alle Kurse\", \"en\": \"All courses\"}}", courses) ||
      ensure(&RES_PLAN_VARIANTS, "demo-team-monthly", team,
             "{\"planId\": \"@PARENT@\", \"internalName\": \"Team monthly\", \"name\": {\"de\": \"Team monatlich\", "
             "\"en\": \"Team monthly\"}, \"allowSelfService\": true, \"billingPeriod\": " MONTH ", \"feePeriod\": "
             MONTH ", \"cancellationPeriod\": {\"unit\": \"day\", \"quantity\": 14}, \"recurringFee\": 990}", v_month) ||
      ensure(&RES_PLAN_VARIANTS, "demo-team-yearly", team,
             "{\"planId\": \"@PARENT@\", \"internalName\": \"Team yearly, 12 months\", \"name\": {\"de\": \"Team "
             "jährlich (12 Monate Laufzeit)\", \"en\": \"Team yearly (12-month term)\"}, \"allowSelfService\": true, "
             "\"contractPeriod\": {\"unit\": \"month\", \"quantity\": 12}, \"laterContractPeriod\": {\"unit\": "
             "\"month\", \"quantity\": 12}, \"cancellationPeriod\": {\"unit\": \"month\", \"quantity\": 3}, "
             "\"laterCancellationPeriod\": {\"unit\": \"month\", \"quantity\": 3}, \"billingPeriod\": " YEAR ", "
             "\"feePeriod\": " MONTH ", \"recurringFee\": 790, \"setupFee\": 4900}", v_year) ||
      ensure(&RES_PLAN_VARIANTS, "demo-team-trial", team,
             "{\"planId\": \"@PARENT@\", \"internalName\": \"Team trial\", \"name\": {\"de\": \"Team 30 Tage testen\", "
             "\"en\": \"Team, 30-day trial\"}, \"allowSelfService\": true, \"allowWithoutPaymentData\": true, "
             "\"trialPeriod\": {\"unit\": \"day\", \"quantity\": 30}, \"billingPeriod\": " MONTH ", \"feePeriod\": "
             MONTH ", \"cancellationPeriod\": " MONTH ", \"recurringFee\": 990}", v_trial) ||
      ensure(&RES_PLAN_VARIANTS, "demo-home-consumer", home,
             "{\"planId\": \"@PARENT@\", \"internalName\": \"Home 24 months\", \"name\": {\"de\": \"Privat, 24 Monate\", "
             "\"en\": \"Home, 24 months\"}, \"allowSelfService\": true, \"consumer\": true, \"contractPeriod\": "
             "{\"unit\": \"month\", \"quantity\": 24}, \"cancellationPeriod\": " MONTH ", \"laterCancellationPeriod\": "
             MONTH ", \"billingPeriod\": " MONTH ", \"feePeriod\": " MONTH ", \"recurringFee\": 490, \"setupFee\": 1990, "
             "\"componentIds\": []}", v_home) ||
      ensure(&RES_PLAN_VARIANTS, "demo-academy-monthly", courses,
             "{\"planId\": \"@PARENT@\", \"internalName\": \"Academy monthly\", \"name\": {\"de\": \"Academy monatlich\", "
             "\"en\": \"Academy monthly\"}, \"allowSelfService\": true, \"billingPeriod\": " MONTH ", \"feePeriod\": "
             MONTH ", \"cancellationPeriod\": " MONTH ", \"recurringFee\": 1490}", v_acad) ||
      ensure(&RES_PLAN_VARIANTS, "demo-academy-yearly", courses,
             "{\"planId\": \"@PARENT@\", \"internalName\": \"Academy yearly\", \"name\": {\"de\": \"Academy jährlich\", "
             "\"en\": \"Academy yearly\"}, \"allowSelfService\": true, \"contractPeriod\": " YEAR ", "
             "\"cancellationPeriod\": " MONTH ", \"billingPeriod\": " YEAR ", \"feePeriod\": " YEAR ", "
             "\"recurringFee\": 14900, \"componentIds\": []}", v_acad_year) ||
      ensure(&RES_COUPONS, "demo-welcome10", NULL,
             "{\"code\": \"WELCOME10\", \"kind\": \"percent\", \"percentBasisPoints\": 1000, \"appliesTo\": "
             "[\"recurringFee\", \"components\"], \"duration\": \"periods\", \"durationPeriods\": 3}", id)) {
    return -1;
  }
  fprintf(out, "demo catalog ready; signup pages:\n");
  const char *variants[][2] = {{"Team monthly", v_month}, {"Team yearly, 12-month term", v_year},
                               {"Team 30-day trial", v_trial}, {"Home, 24 months (consumer)", v_home},
                               {"Academy monthly", v_acad}, {"Academy yearly", v_acad_year}};
  for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
    fprintf(out, "  %-28s %s/signup.html#/%s\n", variants[i][0], public_url, variants[i][1]);
  }
  return 0;
}

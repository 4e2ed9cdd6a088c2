/* Unit tests of migrate_plan: naming, ordering, and refusal of edited, renamed or vanished migrations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "migrate.h"

#define M(n, s) {n, s, sizeof(s) - 1}

static struct applied_migration applied(const struct migration *m)
{
  struct applied_migration a;
  snprintf(a.name, sizeof a.name, "%s", m->name);
  migrate_checksum(m, a.checksum);
  return a;
}

static const struct migration FILES[] = {
  M("0001_core.sql", "CREATE TABLE a (x int);"),
  M("0002_catalog.sql", "CREATE TABLE b (x int);"),
  M("0010_more.sql", "CREATE TABLE c (x int);"),
};

static void test_fresh_database_runs_everything(void **state)
{
  size_t from = 99;
  char err[512];
  assert_int_equal(migrate_plan(FILES, 3, NULL, 0, &from, err, sizeof err), 0);
  assert_int_equal(from, 0);
}

static void test_partly_migrated_database_runs_the_rest(void **state)
{
  struct applied_migration a[2] = {applied(&FILES[0]), applied(&FILES[1])};
  size_t from = 99;
  char err[512];
  assert_int_equal(migrate_plan(FILES, 3, a, 2, &from, err, sizeof err), 0);
  assert_int_equal(from, 2);
  struct applied_migration all[3] = {applied(&FILES[0]), applied(&FILES[1]), applied(&FILES[2])};
  assert_int_equal(migrate_plan(FILES, 3, all, 3, &from, err, sizeof err), 0);
  assert_int_equal(from, 3);
}

static void test_edited_migration_is_refused_with_advice(void **state)
{
  struct applied_migration a[2] = {applied(&FILES[0]), applied(&FILES[1])};
  const struct migration edited[] = {FILES[0], M("0002_catalog.sql", "CREATE TABLE b (x bigint);"), FILES[2]};
  size_t from;
  char err[512];
  assert_int_equal(migrate_plan(edited, 3, a, 2, &from, err, sizeof err), -1);
  assert_non_null(strstr(err, "0002_catalog.sql"));
  assert_non_null(strstr(err, "edited"));
  assert_non_null(strstr(err, "new migration"));
}

static void test_applied_migration_missing_from_build_is_refused(void **state)
{
  struct applied_migration a[3] = {applied(&FILES[0]), applied(&FILES[1]), applied(&FILES[2])};
  size_t from;
  char err[512];
  assert_int_equal(migrate_plan(FILES, 2, a, 3, &from, err, sizeof err), -1);
  assert_non_null(strstr(err, "0010_more.sql"));
  struct applied_migration renamed = a[1];
  snprintf(renamed.name, sizeof renamed.name, "0002_renamed.sql");
  struct applied_migration b[2] = {a[0], renamed};
  assert_int_equal(migrate_plan(FILES, 3, b, 2, &from, err, sizeof err), -1);
}

static void test_bad_names_and_order_are_refused(void **state)
{
  size_t from;
  char err[512];
  const struct migration out_of_order[] = {FILES[1], FILES[0]};
  assert_int_equal(migrate_plan(out_of_order, 2, NULL, 0, &from, err, sizeof err), -1);
  assert_non_null(strstr(err, "out of order"));
  const struct migration dup[] = {FILES[0], M("0001_again.sql", "x")};
  assert_int_equal(migrate_plan(dup, 2, NULL, 0, &from, err, sizeof err), -1);
  static const char *bad_names[] = {"1_core.sql", "0001core.sql", "0001_Core.sql", "0001_core.txt", "abcd_x.sql",
                                    "0000_zero.sql", "0001_.sql"};
  for (size_t i = 0; i < sizeof bad_names / sizeof bad_names[0]; i++) {
    const struct migration m[] = {{bad_names[i], "x", 1}};
    if (migrate_plan(m, 1, NULL, 0, &from, err, sizeof err) != -1) {
      fail_msg("accepted migration name %s", bad_names[i]);
    }
  }
}

static void test_checksum_is_sha256_hex(void **state)
{
  const struct migration m = M("0001_x.sql", "abc");
  char sum[65];
  migrate_checksum(&m, sum);
  assert_string_equal(sum, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_fresh_database_runs_everything),
    cmocka_unit_test(test_partly_migrated_database_runs_the_rest),
    cmocka_unit_test(test_edited_migration_is_refused_with_advice),
    cmocka_unit_test(test_applied_migration_missing_from_build_is_refused),
    cmocka_unit_test(test_bad_names_and_order_are_refused),
    cmocka_unit_test(test_checksum_is_sha256_hex),
  };
  return cmocka_run_group_tests_name("migrate", tests, NULL, NULL);
}

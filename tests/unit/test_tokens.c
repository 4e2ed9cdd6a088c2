/* Unit tests of tokens.c: issuing, verifying, and every rejection libjwt 1.10 would let through on its own
 * (STACK.md): alg none, HS512 with the same secret, RS256 header, unknown/missing kid, exp, aud (also as array),
 * plus rotation. Forged tokens are built by hand so the test does not trust libjwt to make them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "crypto.h"
#include "tokens.h"

static const char *NEW_SECRET = "new-secret-new-secret-new-secret-0123456789";
static const char *OLD_SECRET = "old-secret-old-secret-old-secret-0123456789";
static const instant_t NOW = 1796400000; /* 2026-12-04 */

static struct keyring ring(void)
{
  struct keyring r;
  char err[128];
  char spec[256];
  snprintf(spec, sizeof spec, "k2:%s,k1:%s", NEW_SECRET, OLD_SECRET);
  assert_int_equal(keyring_parse(&r, spec, err, sizeof err), 0);
  return r;
}

/* header.payload.signature with the given HMAC digest (NULL digest: empty signature, as alg none sends). */
static char *forge(const char *header, const char *payload, const EVP_MD *md, const char *secret)
{
  char *out = malloc(4096);
  char h[1024], p[2048];
  crypto_b64url_encode((const uint8_t *)header, strlen(header), h);
  crypto_b64url_encode((const uint8_t *)payload, strlen(payload), p);
  int n = snprintf(out, 4096, "%s.%s", h, p);
  if (md) {
    unsigned char sig[64];
    unsigned int siglen = 0;
    HMAC(md, secret, (int)strlen(secret), (unsigned char *)out, (size_t)n, sig, &siglen);
    char s[100];
    crypto_b64url_encode(sig, siglen, s);
    snprintf(out + n, 4096 - (size_t)n, ".%s", s);
  } else {
    snprintf(out + n, 4096 - (size_t)n, ".");
  }
  return out;
}

static char payload_buf[1024];
static const char *payload(const char *aud, long exp)
{
  snprintf(payload_buf, sizeof payload_buf,
           "{\"iss\":\"t\",\"aud\":\"%s\",\"sub\":\"client-1\",\"jti\":\"j-1\",\"iat\":%ld,\"exp\":%ld,"
           "\"scope\":\"merchant:read\"}", aud, (long)NOW, exp);
  return payload_buf;
}

static enum token_status verify(const char *token, instant_t now)
{
  struct keyring r = ring();
  struct token_claims c;
  return token_verify(&r, token, AUD_MERCHANT, now, &c);
}

static void test_issue_then_verify_round_trip(void **state)
{
  struct keyring r = ring();
  char jti[37];
  char *t = token_issue(&r, "http://x", AUD_MERCHANT, "client-1", "merchant:read merchant:write", NOW, 3600, jti);
  assert_non_null(t);
  struct token_claims c;
  assert_int_equal(token_verify(&r, t, AUD_MERCHANT, NOW + 10, &c), TOKEN_OK);
  assert_string_equal(c.sub, "client-1");
  assert_string_equal(c.kid, "k2");
  assert_string_equal(c.jti, jti);
  assert_string_equal(c.scope, "merchant:read merchant:write");
  assert_int_equal(c.exp, NOW + 3600);
  free(t);
}

static void test_forged_hs256_with_known_key_is_accepted(void **state)
{
  char *t = forge("{\"alg\":\"HS256\",\"kid\":\"k2\"}", payload(AUD_MERCHANT, NOW + 60), EVP_sha256(), NEW_SECRET);
  assert_int_equal(verify(t, NOW), TOKEN_OK);
  free(t);
}

static void test_old_key_still_verifies_after_rotation(void **state)
{
  char *t = forge("{\"alg\":\"HS256\",\"kid\":\"k1\"}", payload(AUD_MERCHANT, NOW + 60), EVP_sha256(), OLD_SECRET);
  assert_int_equal(verify(t, NOW), TOKEN_OK);
  free(t);
}

static void test_kid_of_one_key_with_signature_of_another_is_rejected(void **state)
{
  char *t = forge("{\"alg\":\"HS256\",\"kid\":\"k1\"}", payload(AUD_MERCHANT, NOW + 60), EVP_sha256(), NEW_SECRET);
  assert_int_equal(verify(t, NOW), TOKEN_BAD_SIGNATURE);
  free(t);
}

static void test_alg_none_is_rejected(void **state)
{
  char *t = forge("{\"alg\":\"none\",\"kid\":\"k2\"}", payload(AUD_MERCHANT, NOW + 60), NULL, NULL);
  assert_int_equal(verify(t, NOW), TOKEN_BAD_ALGORITHM);
  free(t);
  t = forge("{\"alg\":\"none\"}", payload(AUD_MERCHANT, NOW + 60), NULL, NULL);
  assert_int_equal(verify(t, NOW), TOKEN_BAD_ALGORITHM);
  free(t);
}

static void test_hs512_with_the_same_secret_is_rejected(void **state)
{
  char *t = forge("{\"alg\":\"HS512\",\"kid\":\"k2\"}", payload(AUD_MERCHANT, NOW + 60), EVP_sha512(), NEW_SECRET);
  assert_int_equal(verify(t, NOW), TOKEN_BAD_ALGORITHM);
  free(t);
}

static void test_rs256_header_is_rejected_before_any_key_is_used(void **state)
{
  char *t = forge("{\"alg\":\"RS256\",\"kid\":\"k2\"}", payload(AUD_MERCHANT, NOW + 60), EVP_sha256(), NEW_SECRET);
  assert_int_equal(verify(t, NOW), TOKEN_BAD_ALGORITHM);
  free(t);
}

static void test_unknown_or_missing_kid_is_rejected(void **state)
{
  char *t = forge("{\"alg\":\"HS256\",\"kid\":\"k9\"}", payload(AUD_MERCHANT, NOW + 60), EVP_sha256(), NEW_SECRET);
  assert_int_equal(verify(t, NOW), TOKEN_UNKNOWN_KEY);
  free(t);
  t = forge("{\"alg\":\"HS256\"}", payload(AUD_MERCHANT, NOW + 60), EVP_sha256(), NEW_SECRET);
  assert_int_equal(verify(t, NOW), TOKEN_UNKNOWN_KEY);
  free(t);
}

static void test_wrong_secret_is_rejected(void **state)
{
  char *t = forge("{\"alg\":\"HS256\",\"kid\":\"k2\"}", payload(AUD_MERCHANT, NOW + 60), EVP_sha256(),
                  "attacker-attacker-attacker-attacker-0000");
  assert_int_equal(verify(t, NOW), TOKEN_BAD_SIGNATURE);
  free(t);
}

static void test_tampered_payload_is_rejected(void **state)
{
  struct keyring r = ring();
  char *t = token_issue(&r, "i", AUD_MERCHANT, "client-1", "merchant:read", NOW, 60, NULL);
  char *dot = strchr(t, '.');
  char p2[512];
  const char *evil = "{\"aud\":\"portico:merchant\",\"sub\":\"client-2\",\"jti\":\"x\",\"exp\":9999999999}";
  crypto_b64url_encode((const uint8_t *)evil, strlen(evil), p2);
  char *sig = strchr(dot + 1, '.');
  char forged[2048];
  snprintf(forged, sizeof forged, "%.*s.%s%s", (int)(dot - t), t, p2, sig);
  assert_int_equal(verify(forged, NOW), TOKEN_BAD_SIGNATURE);
  free(t);
}

static void test_expiry_honours_30_second_leeway_only(void **state)
{
  char *t = forge("{\"alg\":\"HS256\",\"kid\":\"k2\"}", payload(AUD_MERCHANT, NOW), EVP_sha256(), NEW_SECRET);
  assert_int_equal(verify(t, NOW), TOKEN_OK);
  assert_int_equal(verify(t, NOW + 30), TOKEN_OK);
  assert_int_equal(verify(t, NOW + 31), TOKEN_EXPIRED);
  assert_int_equal(verify(t, NOW + 86400), TOKEN_EXPIRED);
  free(t);
}

static void test_missing_or_non_numeric_exp_is_rejected(void **state)
{
  char *t = forge("{\"alg\":\"HS256\",\"kid\":\"k2\"}",
                  "{\"aud\":\"portico:merchant\",\"sub\":\"c\",\"jti\":\"j\"}", EVP_sha256(), NEW_SECRET);
  assert_int_equal(verify(t, NOW), TOKEN_MISSING_CLAIM);
  free(t);
  t = forge("{\"alg\":\"HS256\",\"kid\":\"k2\"}",
            "{\"aud\":\"portico:merchant\",\"sub\":\"c\",\"jti\":\"j\",\"exp\":\"never\"}", EVP_sha256(), NEW_SECRET);
  assert_int_not_equal(verify(t, NOW), TOKEN_OK);
  free(t);
}

static void test_wrong_audience_is_rejected(void **state)
{
  char *t = forge("{\"alg\":\"HS256\",\"kid\":\"k2\"}", payload(AUD_PORTAL, NOW + 60), EVP_sha256(), NEW_SECRET);
  assert_int_equal(verify(t, NOW), TOKEN_WRONG_AUDIENCE);
  free(t);
}

static void test_audience_array_is_rejected(void **state)
{
  char *t = forge("{\"alg\":\"HS256\",\"kid\":\"k2\"}",
                  "{\"aud\":[\"portico:merchant\",\"portico:portal\"],\"sub\":\"c\",\"jti\":\"j\",\"exp\":9999999999}",
                  EVP_sha256(), NEW_SECRET);
  assert_int_equal(verify(t, NOW), TOKEN_WRONG_AUDIENCE);
  free(t);
}

static void test_missing_sub_or_jti_is_rejected(void **state)
{
  char *t = forge("{\"alg\":\"HS256\",\"kid\":\"k2\"}",
                  "{\"aud\":\"portico:merchant\",\"jti\":\"j\",\"exp\":9999999999}", EVP_sha256(), NEW_SECRET);
  assert_int_equal(verify(t, NOW), TOKEN_MISSING_CLAIM);
  free(t);
  t = forge("{\"alg\":\"HS256\",\"kid\":\"k2\"}",
            "{\"aud\":\"portico:merchant\",\"sub\":\"c\",\"exp\":9999999999}", EVP_sha256(), NEW_SECRET);
  assert_int_equal(verify(t, NOW), TOKEN_MISSING_CLAIM);
  free(t);
}

static void test_malformed_tokens_are_rejected(void **state)
{
  static const char *bad[] = {"", "abc", "a.b", "a.b.c.d", "..", "!!!.e30.x", "e30.e30.", "W10.e30.abc",
                              "bm90IGpzb24.e30.abc"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    enum token_status st = verify(bad[i], NOW);
    if (st == TOKEN_OK) {
      fail_msg("accepted malformed token '%s'", bad[i]);
    }
  }
  assert_int_equal(verify("a.b", NOW), TOKEN_MALFORMED);
  char *huge = malloc(TOKEN_MAX_LEN + 10);
  memset(huge, 'a', TOKEN_MAX_LEN + 9);
  huge[TOKEN_MAX_LEN + 9] = '\0';
  assert_int_equal(verify(huge, NOW), TOKEN_MALFORMED);
  free(huge);
}

static void test_keyring_parse_rejects_bad_specs(void **state)
{
  struct keyring r;
  char err[128];
  assert_int_equal(keyring_parse(&r, "k1:short", err, sizeof err), -1);
  assert_int_equal(keyring_parse(&r, "nocolon", err, sizeof err), -1);
  assert_int_equal(keyring_parse(&r, "", err, sizeof err), -1);
  assert_int_equal(keyring_parse(&r, "bad kid:0123456789012345678901234567890123", err, sizeof err), -1);
  assert_int_equal(keyring_parse(&r, "a:0123456789012345678901234567890123,a:0123456789012345678901234567890123",
                                 err, sizeof err), -1);
  assert_non_null(strstr(err, "twice"));
  assert_int_equal(keyring_parse(&r, "a:0123456789012345678901234567890123,b:0123456789012345678901234567890123",
                                 err, sizeof err), 0);
  assert_int_equal(r.n, 2);
  assert_string_equal(r.keys[0].kid, "a");
}

static void test_uuid_is_version_4(void **state)
{
  char u[37];
  assert_int_equal(token_new_uuid(u), 0);
  assert_int_equal(strlen(u), 36);
  assert_int_equal(u[14], '4');
  assert_non_null(strchr("89ab", u[19]));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_issue_then_verify_round_trip),
    cmocka_unit_test(test_forged_hs256_with_known_key_is_accepted),
    cmocka_unit_test(test_old_key_still_verifies_after_rotation),
    cmocka_unit_test(test_kid_of_one_key_with_signature_of_another_is_rejected),
    cmocka_unit_test(test_alg_none_is_rejected),
    cmocka_unit_test(test_hs512_with_the_same_secret_is_rejected),
    cmocka_unit_test(test_rs256_header_is_rejected_before_any_key_is_used),
    cmocka_unit_test(test_unknown_or_missing_kid_is_rejected),
    cmocka_unit_test(test_wrong_secret_is_rejected),
    cmocka_unit_test(test_tampered_payload_is_rejected),
    cmocka_unit_test(test_expiry_honours_30_second_leeway_only),
    cmocka_unit_test(test_missing_or_non_numeric_exp_is_rejected),
    cmocka_unit_test(test_wrong_audience_is_rejected),
    cmocka_unit_test(test_audience_array_is_rejected),
    cmocka_unit_test(test_missing_sub_or_jti_is_rejected),
    cmocka_unit_test(test_malformed_tokens_are_rejected),
    cmocka_unit_test(test_keyring_parse_rejects_bad_specs),
    cmocka_unit_test(test_uuid_is_version_4),
  };
  return cmocka_run_group_tests_name("tokens", tests, NULL, NULL);
}

// Self-service settings: defaults, a full round trip, partial PUT keeping defaults, every validation rule named
// by its path, unknown keys at every level, and nothing written when anything is invalid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, errorOf, merchantToken } from './helpers.mjs';

const token = await merchantToken();
const getSettings = async () => (await api('GET', '/api/v1/settings/self-service', { token })).body;
const put = (json) => api('PUT', '/api/v1/settings/self-service', { token, json });

test('settings: defaults are complete and a full document round-trips', async () => {
  const s = await getSettings();
  for (const k of ['merchant', 'theme', 'signupFields', 'couponField', 'terms', 'portalTokenValidityMinutes',
    'portalAreas', 'allowedEmbedOrigins', 'translations', 'enabledLanguages']) assert.ok(k in s, k);
  const doc = structuredClone(s);
  doc.merchant.name = 'Muster GmbH';
  doc.merchant.vatId = 'DE 123 456 789';
  doc.merchant.timeZone = 'Europe/Vienna';
  doc.theme.primaryColor = '#c0ffee';
  doc.signupFields.phone = 'mandatory';
  doc.portalTokenValidityMinutes = 10080;
  doc.portalAreas.cancel = 'hidden';
  doc.allowedEmbedOrigins = ['https://shop.example.com', 'http://localhost:3000'];
  doc.translations = { de: { 'signup.submit': 'Jetzt kostenpflichtig bestellen' } };
  doc.terms = [{ key: 'termsAndConditions', url: 'https://example.com/agb', required: true,
    text: { de: 'Ich akzeptiere die AGB.', en: 'I accept the terms.' } }];
  const r = await put(doc);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(await getSettings(), doc);
});

test('settings: a partial PUT takes defaults for what it omits', async () => {
  const r = await put({ couponField: false });
  assert.equal(r.status, 200);
  assert.equal(r.body.couponField, false);
  assert.equal(r.body.portalTokenValidityMinutes, 1440);
  assert.equal(r.body.merchant.timeZone, 'Europe/Berlin');
});

test('settings: every invalid value is named by its path and nothing is written', async () => {
  const before = await getSettings();
  const r = await put({
    merchant: { country: 'US', timeZone: 'Mars/Base', currency: 'EURO', defaultLanguage: 'fr', email: 'nope',
      creditorId: 'DE00ZZZ0', vatId: 'ATU123', colour: 1 },
    theme: { primaryColor: 'red', logoUrl: 'javascript:alert(1)', fontFamily: 'x; } body { display:none' },
    signupFields: { phone: 'sometimes', fax: 'optional' },
    portalTokenValidityMinutes: 10081,
    portalAreas: { cancel: 'maybe' },
    allowedEmbedOrigins: ['https://shop.example.com/path', '*'],
    enabledLanguages: ['de', 'de'],
    translations: { xx_YY: {} },
    terms: [{ key: 'a', text: {}, required: 'yes' }],
    extra: true,
  });
  const e = errorOf(r, assert, 422, 'validation_failed');
  const f = Object.fromEntries(e.fields.map((x) => [x.field, x.code]));
  const expected = {
    extra: 'unknown_field', 'merchant.colour': 'unknown_field', 'merchant.country': 'not_eu_member',
    'merchant.timeZone': 'unknown_time_zone', 'merchant.currency': 'invalid_currency',
    'merchant.defaultLanguage': 'not_enabled', 'merchant.email': 'invalid_email',
    'merchant.creditorId': 'invalid_creditor_id', 'merchant.vatId': 'invalid_vat_id',
    'theme.primaryColor': 'invalid_color', 'theme.logoUrl': 'invalid_url', 'theme.fontFamily': 'invalid',
    'signupFields.phone': 'invalid_value', 'signupFields.fax': 'unknown_field',
    portalTokenValidityMinutes: 'out_of_range', 'portalAreas.cancel': 'invalid_value',
    'allowedEmbedOrigins[0]': 'invalid_origin', 'allowedEmbedOrigins[1]': 'invalid_origin',
    'enabledLanguages[1]': 'duplicate', 'translations.xx_YY': 'invalid', 'terms[0].text': 'required',
    'terms[0].required': 'invalid_type',
  };
  for (const [k, v] of Object.entries(expected)) assert.equal(f[k], v, `${k}: ${JSON.stringify(e.fields)}`);
  assert.deepEqual(await getSettings(), before);
});

// Customers: create/read/update/list, search by e-mail (case-insensitive), tag and externalId, and validation of
// every field: e-mail syntax, country code, VAT ID syntax per country (EL for Greece), language, unknown fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { api, errorOf, merchantToken } from './helpers.mjs';

const token = await merchantToken();
const post = (json) => api('POST', '/api/v1/customers', { token, json });
const get = (path) => api('GET', `/api/v1/${path}`, { token });

test('customer create, read, update and search', async () => {
  const tag = `tag-${randomUUID().slice(0, 8)}`, email = `Anna.${randomUUID().slice(0, 6)}@Example.com`;
  const r = await post({ email, firstName: 'Anna', lastName: 'Schmidt', companyName: 'Schmidt KG',
    vatId: 'DE 123 456 789', phone: '+49 30 1234', language: 'de', tag, externalId: `crm-${tag}`,
    address: { street: 'Unter den Linden', houseNumber: '1', addressLine1: 'c/o Büro', postalCode: '10117',
      city: 'Berlin', country: 'DE' } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.address.city, 'Berlin');
  assert.equal((await get(`customers/${r.body.id}`)).body.email, email);
  const u = await api('PATCH', `/api/v1/customers/${r.body.id}`, { token, json: { phone: null, language: 'en' } });
  assert.equal(u.body.phone, null);
  assert.equal(u.body.language, 'en');
  assert.equal(u.body.firstName, 'Anna');
  for (const q of [`email=${encodeURIComponent(email.toLowerCase())}`, `tag=${tag}`, `externalId=crm-${tag}`]) {
    const found = await get(`customers?${q}`);
    assert.deepEqual(found.body.data.map((c) => c.id), [r.body.id], q);
  }
});

test('customer validation names every field', async () => {
  const r = await post({ email: 'anna@', address: { country: 'Germany', zip: '1' }, language: 'german',
    vatId: 'DE12', firstName: 7, nickname: 'x' });
  const f = Object.fromEntries(errorOf(r, assert, 422, 'validation_failed').fields.map((x) => [x.field, x.code]));
  assert.deepEqual(f, { email: 'invalid_email', 'address.country': 'invalid_country', 'address.zip': 'unknown_field',
    language: 'invalid_language', firstName: 'invalid_type', nickname: 'unknown_field', vatId: 'invalid_vat_id' });
  const v = await post({ email: 'a@b.example', vatId: 'DE123456789', address: { country: 'FR' } });
  assert.deepEqual(errorOf(v, assert, 422).fields.map((x) => [x.field, x.code]), [['vatId', 'invalid_vat_id']]);
  const gr = await post({ email: 'g@b.example', vatId: 'EL123456789', address: { country: 'GR' } });
  assert.equal(gr.status, 201);
  errorOf(await post({ firstName: 'No mail' }), assert, 422);
});

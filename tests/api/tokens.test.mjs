// Self-service tokens: issue with default, explicit and out-of-range validity; the portal verifier refuses revoked,
// expired and foreign tokens; a token for contract A never yields contract B; merchant and portal tokens never
// open each other's routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, api, claims, errorOf, forge, merchantToken } from './helpers.mjs';
import { catalog, get, signup } from './fixtures.mjs';

const cat = await catalog();
const A = (await signup(cat.monthly)).contract;
const B = (await signup(cat.fixed)).contract;
const portal = (token, now) => api('GET', '/api/v1/portal', { token, now });

test('issue: default validity from settings, explicit validity, out of range 422, unknown contract 404', async () => {
  const settings = (await get('settings/self-service')).body;
  const now = Date.now();
  const t = await get(`contracts/${A.id}/self-service-token`);
  assert.equal(t.status, 200);
  const minutes = (Date.parse(t.body.expiresAt) - now) / 60000;
  assert.ok(Math.abs(minutes - settings.portalTokenValidityMinutes) < 2, `${minutes}`);
  assert.equal(t.body.url, `${process.env.PORTICO_URL}/portal.html#/${t.body.token}`);
  const [, payload] = t.body.token.split('.');
  const p = JSON.parse(Buffer.from(payload, 'base64url'));
  assert.equal(p.aud, 'portico:portal');
  assert.equal(p.sub, A.id);
  assert.equal(p.jti, t.body.jti);
  const five = await get(`contracts/${A.id}/self-service-token?validity=5`);
  assert.ok(Math.abs((Date.parse(five.body.expiresAt) - Date.now()) / 60000 - 5) < 1);
  for (const v of ['0', '10081', 'abc', '-1', '']) {
    const e = errorOf(await get(`contracts/${A.id}/self-service-token?validity=${v}`), assert, 422);
    assert.equal(e.fields[0].field, 'validity');
  }
  errorOf(await get('contracts/00000000-0000-4000-8000-000000000000/self-service-token'), assert, 404);
});

test('a token opens the portal of its own contract only', async () => {
  const ta = (await get(`contracts/${A.id}/self-service-token`)).body;
  const r = await portal(ta.token);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.contract.id, A.id);
  assert.equal(r.body.customer.id, A.customerId);
  assert.ok(r.body.areas && r.body.theme);
  // the same jti re-signed for contract B (with the real key) is still refused: the record binds jti to A
  const forged = forge({ alg: 'HS256', kid: 'k2' }, claims({ aud: 'portico:portal', sub: B.id, jti: ta.jti }), KEYS.k2);
  errorOf(await portal(forged), assert, 401, 'token_revoked');
  // an unrecorded token for B is refused too
  errorOf(await portal(forge({ alg: 'HS256', kid: 'k2' }, claims({ aud: 'portico:portal', sub: B.id }), KEYS.k2)),
    assert, 401, 'token_revoked');
});

test('revoked tokens are refused and listed as revoked', async () => {
  const t = (await get(`contracts/${A.id}/self-service-token`)).body;
  assert.equal((await portal(t.token)).status, 200);
  const del = await api('DELETE', `/api/v1/contracts/${A.id}/self-service-tokens/${t.jti}`,
    { token: await merchantToken() });
  assert.equal(del.status, 204);
  errorOf(await portal(t.token), assert, 401, 'token_revoked');
  const list = (await get(`contracts/${A.id}/self-service-tokens`)).body.data;
  const row = list.find((x) => x.jti === t.jti);
  assert.ok(row.revokedAt);
  assert.equal(row.active, false);
  assert.equal(JSON.stringify(list).includes(t.token), false, 'the list never shows a token');
  errorOf(await api('DELETE', `/api/v1/contracts/${B.id}/self-service-tokens/${t.jti}`,
    { token: await merchantToken() }), assert, 404);
});

test('expired tokens are refused (fake clock past expiry + leeway)', async () => {
  const t = (await get(`contracts/${A.id}/self-service-token?validity=1`)).body;
  const later = new Date(Date.parse(t.expiresAt) + 31e3).toISOString().replace(/\.\d+Z$/, 'Z');
  errorOf(await portal(t.token, later), assert, 401, 'token_expired');
});

test('merchant and portal tokens do not open each other\'s routes', async () => {
  const t = (await get(`contracts/${A.id}/self-service-token`)).body;
  errorOf(await api('GET', `/api/v1/contracts/${A.id}`, { token: t.token }), assert, 401, 'token_invalid');
  errorOf(await portal(await merchantToken()), assert, 401, 'token_invalid');
  errorOf(await portal(), assert, 401, 'token_missing');
});

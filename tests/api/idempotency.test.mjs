// Idempotency-Key on creating POSTs: a replay returns the first response, the same key with another body is 422,
// concurrent requests with one key run once, keys expire after 24 hours, and a commit replays instead of 409.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { api, errorOf, merchantToken } from './helpers.mjs';
import { catalog, customer, post } from './fixtures.mjs';

const token = await merchantToken();
const create = (key, json, now) => api('POST', '/api/v1/plan-groups', { token, json, now,
  headers: { 'Idempotency-Key': key } });

test('same key and body: the first response again, marked as replayed; nothing created twice', async () => {
  const key = randomUUID(), ext = `idem-${key}`;
  const a = await create(key, { name: 'Once', currency: 'EUR', externalId: ext });
  assert.equal(a.status, 201);
  const b = await create(key, { name: 'Once', currency: 'EUR', externalId: ext });
  assert.equal(b.status, 201);
  assert.deepEqual(b.body, a.body);
  assert.equal(b.headers.get('idempotent-replayed'), 'true');
  const list = await api('GET', `/api/v1/plan-groups?externalId=${ext}`, { token });
  assert.equal(list.body.data.length, 1);
});

test('same key, other body: 422; a bad key: 400', async () => {
  const key = randomUUID();
  assert.equal((await create(key, { name: 'A', currency: 'EUR' })).status, 201);
  errorOf(await create(key, { name: 'B', currency: 'EUR' }), assert, 422, 'idempotency_key_reused');
  errorOf(await create('x'.repeat(300), { name: 'C', currency: 'EUR' }), assert, 400, 'invalid_header');
});

test('ten concurrent requests with one key create one row', async () => {
  const key = randomUUID(), ext = `conc-${key}`;
  const rs = await Promise.all(Array.from({ length: 10 }, () => create(key, { name: 'C', currency: 'EUR', externalId: ext })));
  for (const r of rs) assert.ok([201, 409].includes(r.status), `${r.status}`);
  assert.ok(rs.some((r) => r.status === 201));
  assert.equal((await api('GET', `/api/v1/plan-groups?externalId=${ext}`, { token })).body.data.length, 1);
});

test('a key is remembered for 24 hours, then it is new again', async () => {
  const key = randomUUID();
  const t0 = '2026-12-01T10:00:00Z', t1 = '2026-12-02T09:59:00Z', t2 = '2026-12-02T10:00:01Z';
  const { merchantTokenAt } = await import('./helpers.mjs');
  const at = (now, name) => api('POST', '/api/v1/plan-groups', { token: merchantTokenAt(now), now,
    json: { name, currency: 'EUR' }, headers: { 'Idempotency-Key': key } });
  const a = await at(t0, 'D');
  const b = await at(t1, 'D');
  assert.equal(b.body.id, a.body.id);
  const c = await at(t2, 'D');
  assert.equal(c.status, 201);
  assert.notEqual(c.body.id, a.body.id);
});

test('an order commit with a key replays its success instead of answering 409', async () => {
  const cat = await catalog();
  const o = await post('orders', { customer: customer(), cart: { planVariantId: cat.monthly.id } });
  const key = randomUUID();
  const commit = () => api('POST', `/api/v1/orders/${o.body.id}/commit`, { token, headers: { 'Idempotency-Key': key } });
  const a = await commit();
  const b = await commit();
  assert.equal(a.status, 200);
  assert.equal(b.status, 200);
  assert.equal(b.body.contractId, a.body.contractId);
});

test('portico token --contract prints a working portal link', async () => {
  const cat = await catalog();
  const o = await post('orders', { customer: customer(), cart: { planVariantId: cat.monthly.id } });
  const c = await post(`orders/${o.body.id}/commit`);
  const out = execFileSync(process.env.PORTICO_BIN, ['token', '--contract', c.body.contractId, '--minutes', '5'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  assert.match(out, /\/portal\.html#\/[\w-]+\.[\w-]+\.[\w-]+$/);
  const portal = await api('GET', '/api/v1/portal', { token: out.split('#/')[1] });
  assert.equal(portal.status, 200);
  assert.equal(portal.body.contract.id, c.body.contractId);
  assert.throws(() => execFileSync(process.env.PORTICO_BIN, ['token', '--contract', randomUUID()], { stdio: 'ignore' }));
  assert.throws(() => execFileSync(process.env.PORTICO_BIN, ['token', '--contract', c.body.contractId, '--minutes',
    '99999'], { stdio: 'ignore' }));
});

// The request pipeline every route shares: error shape for unknown routes and methods, request ids, body limit
// (413), content type (415), malformed JSON (400), security headers, the fake clock's validation, pagination input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, api, errorOf, merchantToken } from './helpers.mjs';

test('unknown route is a JSON 404', async () => {
  errorOf(await api('GET', '/no/such/route'), assert, 404, 'route_not_found');
  errorOf(await api('GET', '/api/v1/nothing-here'), assert, 404, 'route_not_found');
});

test('known path with another method is 405 with Allow', async () => {
  const r = await api('DELETE', '/healthz');
  errorOf(r, assert, 405, 'method_not_allowed');
  assert.equal(r.headers.get('allow'), 'GET');
});

test('every response carries a request id and the security headers; a sane given id is echoed', async () => {
  const a = await api('GET', '/healthz');
  const b = await api('GET', '/healthz');
  assert.notEqual(a.headers.get('x-request-id'), b.headers.get('x-request-id'));
  assert.equal(a.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(a.headers.get('cache-control'), 'no-store');
  const c = await api('GET', '/healthz', { headers: { 'X-Request-Id': 'lb-1234567890' } });
  assert.equal(c.headers.get('x-request-id'), 'lb-1234567890');
  const d = await api('GET', '/healthz', { headers: { 'X-Request-Id': 'bad id with spaces <script>' } });
  assert.match(d.headers.get('x-request-id'), /^[0-9a-f]{32}$/);
});

test('healthz reports the database', async () => {
  const r = await api('GET', '/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { status: 'ok', database: 'ok' });
});

test('a 70 KiB body is 413 (form route)', async () => {
  const r = await api('POST', '/oauth/token', { raw: 'grant_type=client_credentials&x=' + 'a'.repeat(70 * 1024),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  errorOf(r, assert, 413, 'payload_too_large');
});

test('a 70 KiB chunked body without Content-Length is 413 too', async () => {
  const big = new TextEncoder().encode('grant_type=client_credentials&x=' + 'a'.repeat(70 * 1024));
  const stream = new ReadableStream({ start(c) { c.enqueue(big.slice(0, 1000)); c.enqueue(big.slice(1000)); c.close(); } });
  const res = await fetch(`${BASE}/oauth/token`, { method: 'POST', body: stream, duplex: 'half',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 413);
  assert.equal((await res.json()).error.code, 'payload_too_large');
});

test('X-Portico-Now must be RFC 3339 in test mode', async () => {
  errorOf(await api('GET', '/healthz', { now: 'yesterday' }), assert, 400, 'invalid_header');
  assert.equal((await api('GET', '/healthz', { now: '2030-01-01T00:00:00Z' })).status, 200);
});

test('list parameters are validated: limit 1..100, opaque cursor', async () => {
  const token = await merchantToken();
  for (const q of ["limit=0", "limit=101", "limit=abc", "cursor=%27%3BDROP", "cursor=zzzz"]) {
    const e = errorOf(await api('GET', `/api/v1/events?${q}`, { token }), assert, 422, 'validation_failed');
    assert.ok(e.fields.length >= 1);
  }
  const r = await api('GET', '/api/v1/events?limit=5', { token });
  assert.equal(r.status, 200);
  assert.ok(r.body.data.length <= 5);
  assert.ok(r.body.nextCursor === null || typeof r.body.nextCursor === 'string');
});

test('serve refuses an unmigrated database and names the command that fixes it', async () => {
  const { spawnSync } = await import('node:child_process');
  const url = process.env.PORTICO_DATABASE_URL.replace(/\/portico$/, '/postgres');
  const r = spawnSync(process.env.PORTICO_BIN, ['serve'], { encoding: 'utf8', timeout: 20000,
    env: { ...process.env, PORTICO_DATABASE_URL: url, PORTICO_LISTEN: '127.0.0.1:1' } });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /pending migration.*portico migrate/);
});

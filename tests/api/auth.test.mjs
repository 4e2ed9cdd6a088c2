// Merchant authentication: /oauth/token (client credentials, Basic and form) and the layer every merchant route
// passes: each 401 case (missing, malformed, expired, wrong signature, alg none, HS512, unknown kid, wrong aud),
// 403 for a missing scope, and key rotation (the old key still verifies).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, KEYS, api, claims, createClient, errorOf, forge, requestToken } from './helpers.mjs';

const client = createClient('auth-tests');

test('client credentials via HTTP Basic yield a bearer token that opens a merchant route', async () => {
  const res = await requestToken(client);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.token_type, 'Bearer');
  assert.equal(body.expires_in, 3600);
  assert.equal(body.scope, 'merchant:read merchant:write');
  const [h, p] = body.access_token.split('.').slice(0, 2).map((s) => JSON.parse(Buffer.from(s, 'base64url')));
  assert.deepEqual([h.alg, h.kid], ['HS256', 'k2']);
  assert.equal(p.aud, 'portico:merchant');
  assert.equal(p.sub, client.id);
  assert.equal(p.exp - p.iat, 3600);
  assert.ok(p.jti && p.iss);
  const r = await api('GET', '/api/v1/events', { token: body.access_token });
  assert.equal(r.status, 200);
  assert.ok(Array.isArray(r.body.data));
});

test('client credentials in the form body work too', async () => {
  const res = await fetch(`${BASE}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret }),
  });
  assert.equal(res.status, 200);
  assert.ok((await res.json()).access_token);
});

test('wrong secret, unknown client and a non-UUID id are all 401 invalid_client', async () => {
  for (const c of [{ ...client, secret: client.secret + 'x' },
                   { id: '00000000-0000-4000-8000-000000000000', secret: 'x' },
                   { id: "x' OR 1=1 --", secret: 'x' }]) {
    const res = await requestToken(c);
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error.code, 'invalid_client');
  }
});

test('no credentials at all is 401', async () => {
  const res = await fetch(`${BASE}/oauth/token`, { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
  assert.equal(res.status, 401);
});

test('wrong grant type is 400 unsupported_grant_type', async () => {
  const res = await requestToken(client, { grant_type: 'password' });
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error.code, 'unsupported_grant_type');
});

test('a scope beyond the client is 400 invalid_scope; a narrower scope is granted', async () => {
  let res = await requestToken(client, { scope: 'merchant:admin' });
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error.code, 'invalid_scope');
  res = await requestToken(client, { scope: 'merchant:read' });
  assert.equal(res.status, 200);
  assert.equal((await res.json()).scope, 'merchant:read');
});

test('credentials as Basic and in the form at once are refused', async () => {
  const res = await fetch(`${BASE}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from(`${client.id}:${client.secret}`).toString('base64'),
               'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: 'x' }),
  });
  assert.equal(res.status, 400);
});

test('the token endpoint wants a form body: JSON is 415', async () => {
  const r = await api('POST', '/oauth/token', { json: { grant_type: 'client_credentials' } });
  errorOf(r, assert, 415, 'unsupported_media_type');
});

test('missing token is 401 token_missing with WWW-Authenticate', async () => {
  const r = await api('GET', '/api/v1/events');
  errorOf(r, assert, 401, 'token_missing');
  assert.match(r.headers.get('www-authenticate'), /^Bearer/);
  errorOf(await api('GET', '/api/v1/events', { headers: { Authorization: 'Basic abc' } }), assert, 401);
});

test('malformed tokens are 401 token_invalid', async () => {
  for (const t of ['abc', 'a.b', 'a.b.c.d', '....', 'eyJ.eyJ.sig', 'x'.repeat(5000)]) {
    errorOf(await api('GET', '/api/v1/events', { token: t }), assert, 401, 'token_invalid');
  }
});

test('an expired token is 401 token_expired (fake clock 2 h ahead)', async () => {
  const { access_token } = await (await requestToken(client)).json();
  const later = new Date(Date.now() + 2 * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
  errorOf(await api('GET', '/api/v1/events', { token: access_token, now: later }), assert, 401, 'token_expired');
  const justInLeeway = new Date(Date.now() + 3600e3 + 20e3).toISOString().replace(/\.\d+Z$/, 'Z');
  assert.equal((await api('GET', '/api/v1/events', { token: access_token, now: justInLeeway })).status, 200);
});

test('forged tokens are rejected: wrong secret, alg none, HS512, unknown kid, wrong aud, aud array', async () => {
  const cases = {
    'wrong secret': forge({ alg: 'HS256', kid: 'k2' }, claims(), 'not-the-secret-not-the-secret-xx'),
    'alg none': forge({ alg: 'none', kid: 'k2' }, claims(), null),
    'alg none, no kid': forge({ alg: 'none' }, claims(), null),
    'HS512 same secret': forge({ alg: 'HS512', kid: 'k2' }, claims(), KEYS.k2, 'sha512'),
    'RS256 header': forge({ alg: 'RS256', kid: 'k2' }, claims(), KEYS.k2),
    'unknown kid': forge({ alg: 'HS256', kid: 'k9' }, claims(), KEYS.k2),
    'no kid': forge({ alg: 'HS256' }, claims(), KEYS.k2),
    'portal audience': forge({ alg: 'HS256', kid: 'k2' }, claims({ aud: 'portico:portal' }), KEYS.k2),
    'aud array': forge({ alg: 'HS256', kid: 'k2' }, claims({ aud: ['portico:merchant'] }), KEYS.k2),
    'no exp': forge({ alg: 'HS256', kid: 'k2' }, claims({ exp: undefined }), KEYS.k2),
  };
  for (const [name, token] of Object.entries(cases)) {
    const r = await api('GET', '/api/v1/events', { token });
    assert.equal(r.status, 401, `${name}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, 'token_invalid', name);
  }
});

test('rotation: a token signed with the older key k1 still verifies', async () => {
  const r = await api('GET', '/api/v1/events', { token: forge({ alg: 'HS256', kid: 'k1' }, claims(), KEYS.k1) });
  assert.equal(r.status, 200);
});

test('a token without the route scope is 403 insufficient_scope', async () => {
  const writer = createClient('write-only', 'merchant:write');
  const { access_token } = await (await requestToken(writer)).json();
  errorOf(await api('GET', '/api/v1/events', { token: access_token }), assert, 403, 'insufficient_scope');
  const forged = forge({ alg: 'HS256', kid: 'k2' }, claims({ scope: 'merchant:writer' }), KEYS.k2);
  errorOf(await api('GET', '/api/v1/events', { token: forged }), assert, 403, 'insufficient_scope');
});

// Shared helpers of the API tests: the live server's URL, API clients made with the real CLI, tokens from the
// real /oauth/token, and hand-forged JWTs (node:crypto) for the rejection cases. scripts/test sets the env.
import { execFileSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';

export const BASE = process.env.PORTICO_URL;
const BIN = process.env.PORTICO_BIN;
if (!BASE || !BIN) throw new Error('run through scripts/test (PORTICO_URL and PORTICO_BIN are unset)');

export const KEYS = Object.fromEntries(
  process.env.PORTICO_SIGNING_KEYS.split(',').map((kv) => [kv.slice(0, kv.indexOf(':')), kv.slice(kv.indexOf(':') + 1)]));

export function createClient(name = 'test', scopes) {
  const args = ['client', 'create', '--name', name];
  if (scopes) args.push('--scopes', scopes);
  const out = execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const get = (k) => out.match(new RegExp(`^${k}: (.+)$`, 'm'))[1];
  return { id: get('client_id'), secret: get('client_secret') };
}

export async function requestToken({ id, secret }, extra = {}) {
  const body = new URLSearchParams({ grant_type: 'client_credentials', ...extra });
  return fetch(`${BASE}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from(`${id}:${secret}`).toString('base64'),
               'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
}

let cached;
/** A token with every merchant scope, from a client made once per test file. */
export async function merchantToken() {
  if (!cached) {
    const res = await requestToken(createClient('api-tests'));
    cached = (await res.json()).access_token;
  }
  return cached;
}

const b64url = (s) => Buffer.from(s).toString('base64url');
export function forge(header, payload, secret = KEYS.k2, alg = 'sha256') {
  const data = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  if (secret === null) return `${data}.`;
  return `${data}.${createHmac(alg, secret).update(data).digest('base64url')}`;
}
export function claims(over = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { iss: 't', aud: 'portico:merchant', sub: randomUUID(), jti: randomUUID(), iat: now, exp: now + 600,
           scope: 'merchant:read merchant:write', ...over };
}

/** fetch with JSON in and out; returns {status, headers, body}. */
export async function api(method, path, { token, json, headers = {}, raw, now } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (now) h['X-Portico-Now'] = now;
  let body = raw;
  if (json !== undefined) { h['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  const res = await fetch(`${BASE}${path}`, { method, headers: h, body });
  const text = await res.text();
  let parsed;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = text; }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Asserts the DESIGN §7 error shape and returns the error object. */
export function errorOf(r, assert, status, code) {
  assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  assert.equal(typeof r.body?.error?.message, 'string');
  if (code) assert.equal(r.body.error.code, code);
  assert.match(r.headers.get('content-type') ?? '', /application\/json/);
  assert.match(r.headers.get('x-request-id') ?? '', /^[A-Za-z0-9._-]{8,64}$/);
  return r.body.error;
}

const FAKE_CLOCK_CLIENT = randomUUID();
/** A merchant token valid at the fake instant `now` (RFC 3339), signed with the test key like the server's own,
 * always for the same (test-process) client. */
export function merchantTokenAt(now) {
  const t = Math.floor(Date.parse(now) / 1000);
  return forge({ alg: 'HS256', kid: 'k2' }, claims({ iat: t, exp: t + 3600, sub: FAKE_CLOCK_CLIENT }));
}

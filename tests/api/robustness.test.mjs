// Bad input never corrupts: every write operation of the spec gets hostile bodies (malformed, deeply nested, huge
// numbers, NUL and invalid escapes, wrong types, nulls, giant arrays) and must answer a 4xx JSON error, never a 5xx,
// and the server must stay healthy. Ids in paths are random (unknown) or hostile text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, merchantToken } from './helpers.mjs';

const yaml = readFileSync(new URL('../../openapi/openapi.yaml', import.meta.url), 'utf8');
const ops = [];
let inPaths = false, path = null;
for (const line of yaml.split('\n')) {
  if (/^\S/.test(line)) { inPaths = line.startsWith('paths:'); continue; }
  let m;
  if (inPaths && (m = line.match(/^ {2}(\/\S*):\s*$/))) path = m[1];
  else if (inPaths && (m = line.match(/^ {4}(post|put|patch):/))) ops.push([m[1].toUpperCase(), path]);
}

const deep = '['.repeat(5000) + ']'.repeat(5000);
const bodies = [
  '', '{', 'null', '[]', '"text"', '42', deep, `{"a":${deep}}`,
  '{"name": 1e400, "currency": "EUR"}', '{"recurringFee": 99999999999999999999999999}',
  '{"name": "a\\u0000b", "email": "x\\u0000@y.z"}', '{"name": "\\ud800"}', '{"cart": {"planVariantId": []}}',
  JSON.stringify({ customer: { email: 'a@b.example', address: 'Berlin' }, cart: { planVariantId: null } }),
  JSON.stringify({ cart: { planVariantId: '00000000-0000-4000-8000-000000000000', components: Array(500).fill({}) } }),
  JSON.stringify({ components: 'all', appliesTo: {}, periods: -1, endDate: '2026-13-45T99:99:99Z', grant_type: 1 }),
  JSON.stringify(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]))),
];
const ids = ['00000000-0000-4000-8000-000000000000', "1' OR '1'='1", '..%2F..%2Fetc%2Fpasswd'];

test('every write route answers hostile bodies with a 4xx, never a 5xx', async () => {
  const token = await merchantToken();
  assert.ok(ops.length >= 15, `${ops.length} write operations`);
  let checked = 0;
  for (const [method, p] of ops) {
    for (const id of ids) {
      const url = p.replace(/\{[^}]+\}/g, encodeURIComponent(id));
      for (const raw of bodies) {
        const headers = { 'Content-Type': p === '/oauth/token' ? 'application/x-www-form-urlencoded' : 'application/json' };
        const r = await api(method, url, { token, raw, headers });
        assert.ok(r.status >= 400 && r.status < 500, `${method} ${url} ${raw.slice(0, 60)} -> ${r.status} ${JSON.stringify(r.body)}`);
        assert.equal(typeof r.body?.error?.code, 'string', `${method} ${url}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 500);
  assert.equal((await api('GET', '/healthz')).status, 200);
});

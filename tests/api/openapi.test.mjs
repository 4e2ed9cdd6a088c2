// openapi/openapi.yaml and the server's route table must agree both ways: every route is specified, every
// specified operation exists (and is answered by the live server with something other than a routing error).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { api } from './helpers.mjs';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Operations of the spec as "METHOD /path", read from its fixed indentation (paths at 2, methods at 4). */
function specOperations() {
  const yaml = readFileSync(new URL('../../openapi/openapi.yaml', import.meta.url), 'utf8');
  const ops = [];
  let inPaths = false, path = null;
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) { inPaths = line.startsWith('paths:'); continue; }
    if (!inPaths) continue;
    let m;
    if ((m = line.match(/^ {2}(\/\S*):\s*$/))) path = m[1];
    else if ((m = line.match(/^ {4}(\w+):/)) && METHODS.includes(m[1])) ops.push(`${m[1].toUpperCase()} ${path}`);
  }
  return ops.sort();
}

function serverRoutes() {
  return execFileSync(process.env.PORTICO_BIN, ['routes'], { encoding: 'utf8' }).trim().split('\n').sort();
}

test('every server route is in openapi.yaml', () => {
  const spec = new Set(specOperations());
  const missing = serverRoutes().filter((r) => !spec.has(r));
  assert.deepEqual(missing, [], `routes missing from the spec: ${missing.join(', ')}`);
});

test('every operation in openapi.yaml is a server route', () => {
  const routes = new Set(serverRoutes());
  const extra = specOperations().filter((o) => !routes.has(o));
  assert.deepEqual(extra, [], `spec operations without a route: ${extra.join(', ')}`);
});

test('the live server answers every specified operation without a routing error', async () => {
  const ops = specOperations();
  assert.ok(ops.length >= 3);
  for (const op of ops) {
    const [method, path] = op.split(' ');
    const concrete = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
    const r = await api(method, concrete);
    assert.ok(!['route_not_found', 'method_not_allowed'].includes(r.body?.error?.code), `${op}: ${r.status}`);
  }
});

test('README documents exactly the variables `portico serve --help` prints', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const help = execFileSync(process.env.PORTICO_BIN, ['serve', '--help'], { encoding: 'utf8' });
  const block = help.slice(help.indexOf('Environment variables')).trimEnd();
  assert.ok(readme.includes(block), 'README "Configuration" differs from `portico serve --help`; paste the new output');
});

// /healthz follows the database: 503 while PostgreSQL is stopped, 200 again after it restarts, with the same
// server process (the per-thread connections reconnect by themselves). Runs alone: it stops the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { api, merchantToken } from '../helpers.mjs';

const pg = fileURLToPath(new URL('../../../scripts/pg', import.meta.url));
const { PORTICO_PGDATA: data, PORTICO_PGPORT: port } = process.env;

test('healthz: 200, 503 while PostgreSQL is down, 200 after restart, no server restart', async () => {
  const token = await merchantToken();
  // use every pool thread's connection first, so each has one to lose
  for (let i = 0; i < 8; i++) assert.equal((await api('GET', '/api/v1/events', { token })).status, 200);
  assert.equal((await api('GET', '/healthz')).status, 200);
  execFileSync(pg, ['stop', data]);
  try {
    for (let i = 0; i < 4; i++) {
      const r = await api('GET', '/healthz');
      assert.equal(r.status, 503);
      assert.equal(r.body.error.code, 'database_unavailable');
    }
    const e = await api('GET', '/api/v1/events', { token });
    assert.equal(e.status, 503);
  } finally {
    execFileSync(pg, ['start', data, port]);
  }
  for (let i = 0; i < 8; i++) {
    const r = await api('GET', '/healthz');
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  assert.equal((await api('GET', '/api/v1/events', { token })).status, 200);
});

// Contracts: exact cancellation dates (Europe/Berlin) before and after the notice deadline for three variant shapes,
// an imported contract two years back, cancel/revoke/annul and their 409s, and the merchant's own end date.
// Time comes from the fake clock (X-Portico-Now), so the dates are exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf } from './helpers.mjs';
import { catalog, get, post, signup } from './fixtures.mjs';

const cat = await catalog();
const preview = async (c, at) => (await get(`contracts/${c.id}/cancellation-preview?at=${at}`)).body;

test('12-month term, 3-month notice: the deadline is inclusive, one second later costs a year', async () => {
  const { contract } = await signup(cat.fixed, { startDate: '2026-01-15T09:00:00Z', now: '2026-01-15T09:00:00Z' });
  assert.deepEqual(await preview(contract, '2026-03-01T12:00:00Z'), { endDate: '2027-01-14T23:00:00Z',
    nextPossibleCancellationDate: '2026-10-14T22:00:00Z', lastServiceDay: '2027-01-14', inTrial: false });
  assert.equal((await preview(contract, '2026-10-14T22:00:00Z')).endDate, '2027-01-14T23:00:00Z');
  assert.deepEqual(await preview(contract, '2026-10-14T22:00:01Z'), { endDate: '2028-01-14T23:00:00Z',
    nextPossibleCancellationDate: '2027-10-14T22:00:00Z', lastServiceDay: '2028-01-14', inTrial: false });
});

test('monthly without term, 14 days notice: ends follow the billing periods from 31 January', async () => {
  const { contract } = await signup(cat.monthly, { startDate: '2026-01-31T08:00:00Z', now: '2026-01-31T08:00:00Z' });
  assert.deepEqual(await preview(contract, '2026-02-10T12:00:00Z'), { endDate: '2026-02-27T23:00:00Z',
    nextPossibleCancellationDate: '2026-02-13T23:00:00Z', lastServiceDay: '2026-02-27', inTrial: false });
  assert.deepEqual(await preview(contract, '2026-02-14T00:00:00Z'), { endDate: '2026-03-30T22:00:00Z',
    nextPossibleCancellationDate: '2026-03-16T23:00:00Z', lastServiceDay: '2026-03-30', inTrial: false });
});

test('consumer: 24 months, then indefinite with one month notice counted from the day of receipt', async () => {
  const { contract } = await signup(cat.consumer, { startDate: '2026-03-15T10:00:00Z', now: '2026-03-15T10:00:00Z' });
  assert.deepEqual(await preview(contract, '2027-06-01T10:00:00Z'), { endDate: '2028-03-14T23:00:00Z',
    nextPossibleCancellationDate: '2028-02-14T23:00:00Z', lastServiceDay: '2028-03-14', inTrial: false });
  assert.deepEqual(await preview(contract, '2028-06-20T08:00:00Z'), { endDate: '2028-07-20T22:00:00Z',
    nextPossibleCancellationDate: '2028-06-20T21:59:59Z', lastServiceDay: '2028-07-20', inTrial: false });
});

test('a contract imported with a start two years back shows its current term, billing and cancellation dates', async () => {
  const now = '2026-12-04T12:00:00Z';
  const { contract } = await signup(cat.fixed, { startDate: '2024-12-10T09:00:00Z', now });
  assert.equal(contract.status, 'active');
  assert.equal(contract.startDate, '2024-12-10T09:00:00Z');
  assert.equal(contract.currentTermEndDate, '2026-12-09T23:00:00Z');
  assert.equal(contract.nextBillingDate, '2026-12-09T23:00:00Z');
  assert.deepEqual(contract.cancellationPreview, { endDate: '2027-12-09T23:00:00Z',
    nextPossibleCancellationDate: '2027-09-09T22:00:00Z', lastServiceDay: '2027-12-09', inTrial: false });
});

test('cancel by the customer rule, before and after the deadline; revoke; cancel again', async () => {
  const { contract } = await signup(cat.fixed, { startDate: '2026-01-15T09:00:00Z', now: '2026-01-15T09:00:00Z' });
  const c = await post(`contracts/${contract.id}/cancel`, { reason: 'too expensive' }, { now: '2026-03-01T12:00:00Z' });
  assert.equal(c.status, 200, JSON.stringify(c.body));
  assert.equal(c.body.endDate, '2027-01-14T23:00:00Z');
  assert.equal(c.body.status, 'cancellationPending');
  assert.equal(c.body.cancellationReason, 'too expensive');
  assert.equal(c.body.cancelledAt, '2026-03-01T12:00:00Z');
  errorOf(await post(`contracts/${contract.id}/cancel`, {}, { now: '2026-03-02T12:00:00Z' }), assert, 409,
    'already_cancelled');
  const r = await post(`contracts/${contract.id}/revoke-cancellation`, undefined, { now: '2026-04-01T12:00:00Z' });
  assert.equal(r.status, 200);
  assert.equal(r.body.endDate, null);
  assert.equal(r.body.status, 'active');
  errorOf(await post(`contracts/${contract.id}/revoke-cancellation`), assert, 409, 'not_cancelled');
  const late = await post(`contracts/${contract.id}/cancel`, {}, { now: '2026-10-20T12:00:00Z' });
  assert.equal(late.body.endDate, '2028-01-14T23:00:00Z');
  errorOf(await post(`contracts/${contract.id}/revoke-cancellation`, undefined, { now: '2028-01-15T00:00:00Z' }),
    assert, 409, 'not_cancelled');
  const ended = await get(`contracts/${contract.id}`, { now: '2028-02-01T00:00:00Z' });
  assert.equal(ended.body.status, 'ended');
  errorOf(await post(`contracts/${contract.id}/cancel`, {}, { now: '2028-02-01T00:00:00Z' }), assert, 409,
    'contract_ended');
  errorOf(await get(`contracts/${contract.id}/cancellation-preview?at=2028-02-01T00:00:00Z`), assert, 409);
});

test('the merchant may set any end date after the start; before it is 422', async () => {
  const { contract } = await signup(cat.fixed, { startDate: '2026-01-15T09:00:00Z', now: '2026-01-15T09:00:00Z' });
  const e = errorOf(await post(`contracts/${contract.id}/cancel`, { endDate: '2026-01-01T00:00:00Z' },
    { now: '2026-02-01T00:00:00Z' }), assert, 422);
  assert.deepEqual(e.fields, [{ field: 'endDate', code: 'not_after_start' }]);
  errorOf(await post(`contracts/${contract.id}/cancel`, { endDate: 'soon', bogus: 1 }), assert, 422);
  const c = await post(`contracts/${contract.id}/cancel`, { endDate: '2026-02-28T23:00:00Z' },
    { now: '2026-02-01T00:00:00Z' });
  assert.equal(c.body.endDate, '2026-02-28T23:00:00Z');
});

test('annul ends the contract at its start; it cannot be annulled or cancelled again', async () => {
  const { contract } = await signup(cat.monthly);
  const a = await post(`contracts/${contract.id}/annul`);
  assert.equal(a.status, 200);
  assert.equal(a.body.status, 'annulled');
  assert.equal(a.body.endDate, contract.startDate);
  assert.equal(a.body.nextBillingDate, null);
  errorOf(await post(`contracts/${contract.id}/annul`), assert, 409, 'already_annulled');
  errorOf(await post(`contracts/${contract.id}/cancel`, {}), assert, 409, 'contract_ended');
});

test('unknown contracts are 404, bad query values 422', async () => {
  errorOf(await get('contracts/00000000-0000-4000-8000-000000000000'), assert, 404);
  errorOf(await get('contracts/nope/cancellation-preview'), assert, 404);
  const { contract } = await signup(cat.monthly);
  errorOf(await get(`contracts/${contract.id}/cancellation-preview?at=tomorrow`), assert, 422);
  errorOf(await get('contracts?customerId=nope'), assert, 422);
});

test('cancel before and after the notice deadline, for each of the three variant shapes', async () => {
  const cases = [
    [cat.fixed, '2026-01-15T09:00:00Z', '2026-10-14T22:00:00Z', '2027-01-14T23:00:00Z', '2026-10-14T22:00:01Z',
     '2028-01-14T23:00:00Z'],
    [cat.monthly, '2026-01-31T08:00:00Z', '2026-02-13T23:00:00Z', '2026-02-27T23:00:00Z', '2026-02-13T23:00:01Z',
     '2026-03-30T22:00:00Z'],
    [cat.consumer, '2026-03-15T10:00:00Z', '2028-02-14T23:00:00Z', '2028-03-14T23:00:00Z', '2028-02-14T23:00:01Z',
     '2028-03-15T23:00:00Z'],
  ];
  for (const [variant, start, before, endBefore, after, endAfter] of cases) {
    for (const [at, end] of [[before, endBefore], [after, endAfter]]) {
      const { contract } = await signup(variant, { startDate: start, now: start });
      const c = await post(`contracts/${contract.id}/cancel`, {}, { now: at });
      assert.equal(c.status, 200, JSON.stringify(c.body));
      assert.equal(c.body.endDate, end, `${variant.internalName} cancelled at ${at}`);
    }
  }
});

test('a plan variant with contracts cannot be deleted (409), only archived', async () => {
  const { contract } = await signup(cat.monthly);
  assert.ok(contract.id);
  const { api: call, merchantToken: mt } = await import('./helpers.mjs');
  const r = await call('DELETE', `/api/v1/plan-variants/${cat.monthly.id}`, { token: await mt() });
  errorOf(r, assert, 409, 'in_use');
});

test('contracts can be listed by derived status', async () => {
  const { contract } = await signup(cat.monthly);
  await post(`contracts/${contract.id}/annul`);
  const annulled = await get(`contracts?customerId=${contract.customerId}&status=annulled`);
  assert.deepEqual(annulled.body.data.map((c) => c.id), [contract.id]);
  assert.equal(annulled.body.data[0].status, 'annulled');
  const active = await get(`contracts?customerId=${contract.customerId}&status=active`);
  assert.deepEqual(active.body.data, []);
  errorOf(await get('contracts?status=sleeping'), assert, 422);
});

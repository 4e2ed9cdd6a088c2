// Orders: preview and signup lifecycle (customer, contract, phase, coupon redemption, events), validation by field,
// expiry, double and 20 concurrent commits of one order yielding exactly one contract, and change orders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { api, errorOf, merchantToken } from './helpers.mjs';
import { M, catalog, customer, get, post, signup } from './fixtures.mjs';

const cat = await catalog();

test('preview prices recurring fee, components, coupon and VAT without saving anything', async () => {
  const r = await post('orders/preview', { customer: customer(), cart: { planVariantId: cat.fixed.id,
    components: [{ componentId: cat.seats.id, quantity: 4 }], couponCode: cat.coupon.code.toLowerCase() } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const d = r.body.dueNow;
  assert.deepEqual(d.lines.map((l) => [l.type, l.quantity, l.netAmount]),
    [['recurringFee', 1, 1000], ['component', 4, 1000], ['discount', 1, -100]]);
  assert.equal(d.net, 1900);
  assert.equal(d.vatAmount, 361);
  assert.equal(d.gross, 2261);
  assert.equal(r.body.currency, 'EUR');
  assert.equal(r.body.taxTreatment, 'domestic');
  assert.equal(r.body.couponApplied, true);
  assert.ok(r.body.contract.earliestEndDate);
  const c = await get(`coupons/${cat.coupon.id}`);
  assert.equal(c.body.redemptions, 0, 'a preview redeems nothing');
});

test('reverse charge for an Austrian business with a VAT ID; OSS rate without', async () => {
  const at = { address: { country: 'AT', city: 'Wien' } };
  const rc = await post('orders/preview', { customer: customer({ ...at, vatId: 'ATU12345678', companyName: 'X GmbH' }),
    cart: { planVariantId: cat.monthly.id } });
  assert.equal(rc.body.taxTreatment, 'reverseCharge');
  assert.equal(rc.body.dueNow.vatAmount, 0);
  assert.equal(rc.body.taxNote, 'invoice.note.reverseCharge');
  const oss = await post('orders/preview', { customer: customer(at), cart: { planVariantId: cat.monthly.id } });
  assert.equal(oss.body.taxTreatment, 'oss');
  assert.equal(oss.body.dueNow.vatAmount, 200);
});

test('order validation names every field', async () => {
  let r = await post('orders', { customer: { email: 'not-an-email', address: { country: 'XX' }, vatId: 'DE1' },
    cart: { planVariantId: 'nope', components: [{ componentId: 'x', quantity: 'two' }], couponCode: 5 }, extra: 1 });
  const f = Object.fromEntries(errorOf(r, assert, 422, 'validation_failed').fields.map((x) => [x.field, x.code]));
  assert.deepEqual(f, { extra: 'unknown_field', 'customer.email': 'invalid_email',
    'customer.address.country': 'invalid_country', 'cart.planVariantId': 'invalid_id',
    'cart.components[0].componentId': 'invalid_id', 'cart.components[0].quantity': 'invalid_type',
    'cart.couponCode': 'invalid' });
  r = await post('orders', { cart: { planVariantId: randomUUID() } });
  assert.deepEqual(errorOf(r, assert, 422).fields.map((x) => x.field), ['customer']);
  r = await post('orders', { customer: customer(), cart: { planVariantId: randomUUID() } });
  assert.deepEqual(errorOf(r, assert, 422).fields, [{ field: 'cart.planVariantId', code: 'unknown' }]);
  r = await post('orders', { customer: customer(), cart: { planVariantId: cat.fixed.id, couponCode: 'NOPE',
    components: [{ componentId: cat.seats.id, quantity: 51 }] } });
  const g = Object.fromEntries(errorOf(r, assert, 422).fields.map((x) => [x.field, [x.code, x.message]]));
  assert.deepEqual(g['cart.couponCode'], ['invalid_coupon', 'unknown']);
  assert.equal(g['cart.components[0].quantity'][0], 'above_maximum');
  r = await post('orders', { customer: customer({ vatId: 'ATU12345678' }), cart: { planVariantId: cat.fixed.id } });
  assert.deepEqual(errorOf(r, assert, 422).fields.map((x) => [x.field, x.code]), [['customer.vatId', 'invalid_vat_id']]);
});

test('signup lifecycle: order, commit, customer, contract, phase, coupon redemption, events', async () => {
  const { order, contract } = await signup(cat.fixed, { cart: { couponCode: cat.coupon.code,
    components: [{ componentId: cat.seats.id, quantity: 2 }] } });
  assert.match(order.customerId, /^[0-9a-f-]{36}$/);
  assert.equal(contract.customerId, order.customerId);
  assert.equal(contract.planVariantId, cat.fixed.id);
  assert.equal(contract.status, 'active');
  assert.equal(contract.phases.length, 1);
  assert.deepEqual(contract.phases[0].components, [{ componentId: cat.seats.id, quantity: 2 }]);
  const cust = await get(`customers/${order.customerId}`);
  assert.equal(cust.body.lastName, 'Mustermann');
  assert.equal((await get(`coupons/${cat.coupon.id}`)).body.redemptions, 1);
  const events = (await get('events?limit=100')).body.data.filter((e) => [order.id, contract.id, order.customerId]
    .includes(e.entityId)).map((e) => e.type).sort();
  assert.deepEqual(events, ['ContractCreated', 'CustomerCreated', 'OrderSucceeded']);
  const list = await get(`contracts?customerId=${order.customerId}`);
  assert.deepEqual(list.body.data.map((c) => c.id), [contract.id]);
});

test('a signup for an existing customer', async () => {
  const first = await signup(cat.monthly);
  const o = await post('orders', { customerId: first.order.customerId, cart: { planVariantId: cat.fixed.id } });
  assert.equal(o.status, 201);
  const c = await post(`orders/${o.body.id}/commit`);
  assert.equal(c.body.customerId, first.order.customerId);
  errorOf(await post('orders', { customerId: randomUUID(), cart: { planVariantId: cat.fixed.id } }), assert, 422);
});

test('committing twice gives 409; an expired order cannot be committed', async () => {
  const o = await post('orders', { customer: customer(), cart: { planVariantId: cat.monthly.id } });
  assert.equal((await post(`orders/${o.body.id}/commit`)).status, 200);
  errorOf(await post(`orders/${o.body.id}/commit`), assert, 409, 'already_committed');
  const old = await post('orders', { customer: customer(), cart: { planVariantId: cat.monthly.id } });
  const later = new Date(Date.now() + 25 * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
  errorOf(await post(`orders/${old.body.id}/commit`, undefined, { now: later }), assert, 409, 'order_expired');
  errorOf(await post(`orders/${randomUUID()}/commit`), assert, 404, 'not_found');
});

test('20 concurrent commits of one order make exactly one contract', async () => {
  const o = await post('orders', { customer: customer(), cart: { planVariantId: cat.monthly.id } });
  const token = await merchantToken();
  const results = await Promise.all(Array.from({ length: 20 }, () =>
    api('POST', `/api/v1/orders/${o.body.id}/commit`, { token })));
  const statuses = results.map((r) => r.status).sort();
  assert.equal(statuses.filter((s) => s === 200).length, 1, statuses.join(','));
  assert.equal(statuses.filter((s) => s === 409).length, 19);
  const committed = (await get(`orders/${o.body.id}`)).body;
  const contracts = await get(`contracts?customerId=${committed.customerId}`);
  assert.equal(contracts.body.data.length, 1);
});

test('a change order switches the variant and quantities from its change date', async () => {
  const { contract } = await signup(cat.monthly, { cart: { components: [{ componentId: cat.seats.id, quantity: 1 }] } });
  const changeDate = new Date(Date.now() + 10 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const o = await post('orders', { contractId: contract.id, changeDate, cart: { planVariantId: cat.fixed.id,
    components: [{ componentId: cat.seats.id, quantity: 5 }] } });
  assert.equal(o.status, 201, JSON.stringify(o.body));
  assert.equal(o.body.type, 'change');
  const c = await post(`orders/${o.body.id}/commit`);
  assert.equal(c.status, 200, JSON.stringify(c.body));
  const after = (await get(`contracts/${contract.id}`)).body;
  assert.equal(after.planVariantId, cat.fixed.id);
  assert.equal(after.phases.length, 2);
  assert.equal(after.phases[1].validFrom, changeDate);
  assert.deepEqual(after.phases[1].components, [{ componentId: cat.seats.id, quantity: 5 }]);
  errorOf(await post('orders', { contractId: randomUUID(), cart: { planVariantId: cat.fixed.id } }), assert, 422);
  errorOf(await post('orders', { contractId: contract.id, changeDate: '2000-01-01T00:00:00Z',
    cart: { planVariantId: cat.fixed.id } }), assert, 422);
});

test('upgrade and downgrade in mid-period: old lines credited, new lines charged for the remaining days', async () => {
  const start = '2025-12-31T23:00:00Z'; // 1 January 2026, 00:00 in Berlin
  const { contract } = await signup(cat.monthly, { startDate: start, now: start,
    cart: { components: [{ componentId: cat.seats.id, quantity: 1 }] } });
  const now = '2026-01-10T23:00:00Z'; // 11 January: 21 of 31 days left
  const up = await post('orders/preview', { contractId: contract.id, changeDate: now, cart: {
    planVariantId: cat.fixed.id, components: [{ componentId: cat.seats.id, quantity: 5 }] } }, { now });
  assert.equal(up.status, 200, JSON.stringify(up.body));
  assert.deepEqual(up.body.proration, { periodStart: start, periodEnd: '2026-01-31T23:00:00Z', remainingDays: 21,
    periodDays: 31 });
  assert.deepEqual(up.body.dueNow.lines.map((l) => [l.refId, l.netAmount, l.prorated]), [
    [cat.monthly.id, -677, true], [cat.seats.id, -169, true], [cat.fixed.id, 677, true], [cat.seats.id, 847, true]]);
  assert.deepEqual([up.body.dueNow.net, up.body.dueNow.vatAmount, up.body.dueNow.gross], [678, 129, 807]);
  assert.equal(up.body.nextPeriod.net, 2250);
  const o = await post('orders', { contractId: contract.id, changeDate: now, cart: { planVariantId: cat.fixed.id,
    components: [{ componentId: cat.seats.id, quantity: 5 }] } }, { now });
  assert.equal((await post(`orders/${o.body.id}/commit`, undefined, { now })).status, 200);
  const down = await post('orders/preview', { contractId: contract.id, changeDate: now, cart: {
    planVariantId: cat.monthly.id, components: [{ componentId: cat.seats.id, quantity: 1 }] } }, { now });
  assert.deepEqual([down.body.dueNow.net, down.body.dueNow.vatAmount, down.body.dueNow.gross], [-678, -129, -807]);
  const other = await catalog();
  const r = await post('orders/preview', { contractId: contract.id, changeDate: now,
    cart: { planVariantId: other.monthly.id } }, { now });
  assert.deepEqual(errorOf(r, assert, 422).fields, [{ field: 'cart.planVariantId', code: 'not_in_same_plan_group' }]);
});

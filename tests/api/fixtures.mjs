// Catalog fixtures for order/contract tests: a fresh plan group per call with the three variant shapes whose
// dates the tests check (12-month term with 3-month notice, monthly without term with 14-day notice, consumer
// 24 months then indefinite), a quantity component and a coupon.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { api, merchantToken, merchantTokenAt } from './helpers.mjs';

export const M = (q = 1) => ({ unit: 'month', quantity: q });

/** Calls with a fake clock carry a merchant token that is valid at that instant. */
const tokenFor = async (extra) => (extra.now ? merchantTokenAt(extra.now) : merchantToken());
export async function post(path, json, extra = {}) {
  return api('POST', `/api/v1/${path}`, { token: await tokenFor(extra), json, ...extra });
}
export async function get(path, extra = {}) {
  return api('GET', `/api/v1/${path}`, { token: await tokenFor(extra), ...extra });
}
async function created(path, json) {
  const r = await post(path, json);
  assert.equal(r.status, 201, `${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function catalog() {
  const group = await created('plan-groups', { name: `Fixture ${randomUUID().slice(0, 8)}`, currency: 'EUR' });
  const plan = await created('plans', { planGroupId: group.id, name: { de: 'Profi', en: 'Pro' } });
  const variant = (internalName, over) => created('plan-variants', { planId: plan.id, internalName,
    billingPeriod: M(), feePeriod: M(), recurringFee: 1000, allowSelfService: true, ...over });
  const fixed = await variant('12 months, 3 months notice', { contractPeriod: M(12), laterContractPeriod: M(12),
    cancellationPeriod: M(3), laterCancellationPeriod: M(3) });
  const monthly = await variant('monthly, 14 days notice', { cancellationPeriod: { unit: 'day', quantity: 14 } });
  const consumer = await variant('consumer 24 months', { consumer: true, contractPeriod: M(24),
    cancellationPeriod: M(1), laterCancellationPeriod: M(1), recurringFee: 2000 });
  const seats = await created('components', { planGroupId: group.id, type: 'quantityBased', name: { en: 'Seats' },
    unitPrice: 250, feePeriod: M(), maxQuantity: 50 });
  const code = `T${randomUUID().slice(0, 8)}`;
  const coupon = await created('coupons', { code, kind: 'percent', percentBasisPoints: 1000,
    appliesTo: ['recurringFee'], duration: 'forever', maxRedemptions: 100 });
  return { group, plan, fixed, monthly, consumer, seats, coupon };
}

export const customer = (over = {}) => ({ email: `c-${randomUUID().slice(0, 8)}@example.com`, firstName: 'Erika',
  lastName: 'Mustermann', address: { street: 'Hauptstraße', houseNumber: '5', postalCode: '10115', city: 'Berlin',
  country: 'DE' }, ...over });

/** Creates and commits a signup order; returns {order, contract}. */
export async function signup(variant, { startDate, now, cart = {}, cust } = {}) {
  const o = await post('orders', { customer: cust ?? customer(), cart: { planVariantId: variant.id, ...cart },
    ...(startDate ? { startDate } : {}) }, { now });
  assert.equal(o.status, 201, JSON.stringify(o.body));
  const c = await post(`orders/${o.body.id}/commit`, undefined, { now });
  assert.equal(c.status, 200, JSON.stringify(c.body));
  assert.equal(c.body.status, 'committed');
  const contract = await get(`contracts/${c.body.contractId}`, { now });
  return { order: c.body, contract: contract.body };
}

// Catalog API: plan groups, plans, plan variants, components, coupons. Lifecycle (create/read/update/list/archive/
// delete), each validation rule with its field, the 409s, and pagination over several pages. Each test builds its
// own rows, so the tests do not depend on each other's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { api, createClient, errorOf, merchantToken, requestToken } from './helpers.mjs';

const token = await merchantToken();
const M = (q = 1) => ({ unit: 'month', quantity: q });
const post = (path, json) => api('POST', `/api/v1/${path}`, { token, json });
const patch = (path, json) => api('PATCH', `/api/v1/${path}`, { token, json });
const get = (path) => api('GET', `/api/v1/${path}`, { token });
const del = (path) => api('DELETE', `/api/v1/${path}`, { token });

function fieldsOf(r) {
  const e = errorOf(r, assert, 422, 'validation_failed');
  return Object.fromEntries(e.fields.map((f) => [f.field, f.code]));
}

async function created(path, json) {
  const r = await post(path, json);
  assert.equal(r.status, 201, `${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

async function group(currency = 'EUR') {
  return created('plan-groups', { name: `Group ${randomUUID().slice(0, 8)}`, currency });
}
async function plan(g) {
  return created('plans', { planGroupId: g.id, name: { de: 'Profi', en: 'Pro' } });
}
const variantBody = (p, over = {}) => ({ planId: p.id, internalName: 'monthly', billingPeriod: M(), feePeriod: M(),
  recurringFee: 1990, ...over });

test('plan group lifecycle: create, read, update, archive, list, delete', async () => {
  const g = await group();
  assert.match(g.id, /^[0-9a-f-]{36}$/);
  assert.equal(g.currency, 'EUR');
  assert.equal(g.archived, false);
  assert.deepEqual((await get(`plan-groups/${g.id}`)).body, g);
  const u = await patch(`plan-groups/${g.id}`, { name: 'Renamed', externalId: `ext-${g.id}` });
  assert.equal(u.status, 200);
  assert.equal(u.body.name, 'Renamed');
  assert.equal(u.body.currency, 'EUR');
  assert.equal((await patch(`plan-groups/${g.id}`, { archived: true })).body.archived, true);
  const listed = await get(`plan-groups?externalId=ext-${g.id}`);
  assert.equal(listed.body.data.length, 0, 'archived rows are not listed by default');
  const all = await get(`plan-groups?externalId=ext-${g.id}&includeArchived=true`);
  assert.equal(all.body.data.length, 1);
  assert.equal((await del(`plan-groups/${g.id}`)).status, 204);
  errorOf(await get(`plan-groups/${g.id}`), assert, 404, 'not_found');
  errorOf(await del(`plan-groups/${g.id}`), assert, 404, 'not_found');
});

test('plan group validation names every field; currency is immutable', async () => {
  assert.deepEqual(fieldsOf(await post('plan-groups', {})), { name: 'required', currency: 'required' });
  assert.deepEqual(fieldsOf(await post('plan-groups', { name: '', currency: 'EURO', color: 'red' })),
    { name: 'invalid_length', currency: 'invalid_currency', color: 'unknown_field' });
  assert.deepEqual(fieldsOf(await post('plan-groups', { name: 42, currency: null })),
    { name: 'invalid_type', currency: 'required' });
  const g = await group();
  assert.deepEqual(fieldsOf(await patch(`plan-groups/${g.id}`, { currency: 'USD' })), { currency: 'immutable' });
  assert.equal((await get(`plan-groups/${g.id}`)).body.currency, 'EUR');
});

test('malformed bodies: bad JSON 400, non-object 400, wrong content type 415, no partial write', async () => {
  errorOf(await api('POST', '/api/v1/plan-groups', { token, raw: '{"name": "x", ', headers: { 'Content-Type': 'application/json' } }),
    assert, 400, 'malformed_json');
  errorOf(await api('POST', '/api/v1/plan-groups', { token, raw: '[1,2]', headers: { 'Content-Type': 'application/json' } }),
    assert, 400, 'malformed_json');
  errorOf(await api('POST', '/api/v1/plan-groups', { token, raw: '{"name":"a","name":"b","currency":"EUR"}',
    headers: { 'Content-Type': 'application/json' } }), assert, 400, 'malformed_json');
  errorOf(await api('POST', '/api/v1/plan-groups', { token, raw: 'name=x', headers: { 'Content-Type': 'text/plain' } }),
    assert, 415, 'unsupported_media_type');
  const ext = `never-${randomUUID()}`;
  fieldsOf(await post('plan-groups', { name: 'x', currency: 'XXX', externalId: ext }));
  assert.equal((await get(`plan-groups?externalId=${ext}&includeArchived=true`)).body.data.length, 0);
});

test('a 70 KiB JSON body is 413 and writes nothing', async () => {
  const ext = `big-${randomUUID()}`;
  const r = await post('plan-groups', { name: 'x'.repeat(70 * 1024), currency: 'EUR', externalId: ext });
  errorOf(r, assert, 413, 'payload_too_large');
  assert.equal((await get(`plan-groups?externalId=${ext}`)).body.data.length, 0);
});

test('unknown and malformed ids are 404; a read-only token cannot write (403)', async () => {
  errorOf(await get(`plans/${randomUUID()}`), assert, 404, 'not_found');
  errorOf(await get(`plans/not-a-uuid`), assert, 404, 'not_found');
  errorOf(await patch(`coupons/${randomUUID()}`, { active: false }), assert, 404, 'not_found');
  const reader = createClient('reader', 'merchant:read');
  const { access_token } = await (await requestToken(reader)).json();
  assert.equal((await api('GET', '/api/v1/plan-groups', { token: access_token })).status, 200);
  errorOf(await api('POST', '/api/v1/plan-groups', { token: access_token, json: { name: 'x', currency: 'EUR' } }),
    assert, 403, 'insufficient_scope');
});

test('pagination walks every page exactly once', async () => {
  const ext = `page-${randomUUID().slice(0, 8)}`;
  const g = await group();
  const ids = [];
  for (let i = 0; i < 7; i++) ids.push((await created('plans', { planGroupId: g.id, name: { en: `P${i}` } })).id);
  const seen = [];
  let cursor = null, pages = 0;
  do {
    const r = await get(`plans?planGroupId=${g.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200);
    assert.ok(r.body.data.length <= 3);
    seen.push(...r.body.data.map((p) => p.id));
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  assert.equal(pages, 3);
  assert.deepEqual(seen, ids);
  assert.ok(ext);
});

test('plans: parent must exist, localized texts are checked, planGroupId immutable, in-use group is 409', async () => {
  assert.deepEqual(fieldsOf(await post('plans', { planGroupId: randomUUID(), name: { en: 'x' } })),
    { planGroupId: 'unknown' });
  assert.deepEqual(fieldsOf(await post('plans', { planGroupId: 'x', name: { english: 'x', de: 5 } })),
    { planGroupId: 'invalid_id', 'name.english': 'invalid_language', 'name.de': 'invalid_type' });
  const g = await group();
  const p = await plan(g);
  assert.deepEqual(p.name, { de: 'Profi', en: 'Pro' });
  const g2 = await group();
  assert.deepEqual(fieldsOf(await patch(`plans/${p.id}`, { planGroupId: g2.id })), { planGroupId: 'immutable' });
  const r = await del(`plan-groups/${g.id}`);
  errorOf(r, assert, 409, 'in_use');
  assert.match(r.body.error.message, /archive/);
});

test('plan variant: defaults, periods, signupUrl only with self-service', async () => {
  const p = await plan(await group());
  const v = await created('plan-variants', variantBody(p, { contractPeriod: M(12), cancellationPeriod: M(3) }));
  assert.deepEqual(v.contractPeriod, { unit: 'month', quantity: 12 });
  assert.equal(v.trialPeriod, null);
  assert.equal(v.setupFee, 0);
  assert.equal(v.paymentPeriodMode, 'prePaid');
  assert.equal(v.afterFirstContractPeriodNextStep, 'renew');
  assert.equal(v.componentIds, null);
  assert.equal(v.signupUrl, null);
  const s = await patch(`plan-variants/${v.id}`, { allowSelfService: true });
  assert.equal(s.body.signupUrl, `${process.env.PORTICO_URL}/signup.html#/${v.id}`);
  assert.equal((await del(`plan-variants/${v.id}`)).status, 204);
});

test('plan variant: types, amounts and periods are validated field by field', async () => {
  const p = await plan(await group());
  const f = fieldsOf(await post('plan-variants', variantBody(p, {
    recurringFee: 19.9, setupFee: -1, billingPeriod: { unit: 'fortnight', quantity: 1 },
    trialPeriod: { unit: 'day', quantity: 0 }, contractPeriod: { unit: 'year', quantity: 11 },
    paymentPeriodMode: 'later', consumer: 'yes' })));
  assert.deepEqual(f, { recurringFee: 'invalid_type', setupFee: 'out_of_range', billingPeriod: 'invalid_period',
    trialPeriod: 'invalid_period', contractPeriod: 'invalid_period', paymentPeriodMode: 'invalid_value',
    consumer: 'invalid_type' });
  assert.deepEqual(fieldsOf(await post('plan-variants', variantBody(p, { recurringFee: 1e15 }))),
    { recurringFee: 'out_of_range' });
});

test('plan variant: billing period must be a multiple of the fee period', async () => {
  const p = await plan(await group());
  assert.deepEqual(fieldsOf(await post('plan-variants', variantBody(p, { billingPeriod: M(2), feePeriod: M(3) }))),
    { billingPeriod: 'not_multiple_of_fee_period' });
  const yearly = await created('plan-variants', variantBody(p, { billingPeriod: { unit: 'year', quantity: 1 } }));
  assert.deepEqual(yearly.billingPeriod, { unit: 'year', quantity: 1 });
});

test('consumer variants obey § 309 Nr. 9 BGB, each violation named', async () => {
  const p = await plan(await group());
  const f = fieldsOf(await post('plan-variants', variantBody(p, {
    consumer: true, contractPeriod: M(36), laterContractPeriod: M(12), cancellationPeriod: M(3),
    laterCancellationPeriod: { unit: 'week', quantity: 6 } })));
  assert.deepEqual(f, { contractPeriod: 'consumer_first_term_over_24_months',
    laterContractPeriod: 'consumer_renewal_must_be_indefinite', cancellationPeriod: 'consumer_notice_over_one_month',
    laterCancellationPeriod: 'consumer_notice_over_one_month' });
  const ok = await created('plan-variants', variantBody(p, { consumer: true, contractPeriod: M(24),
    cancellationPeriod: M(1), laterCancellationPeriod: M(1) }));
  // a PATCH is checked as the whole merged variant: making it renew by 12 months is refused, nothing changes
  assert.deepEqual(fieldsOf(await patch(`plan-variants/${ok.id}`, { laterContractPeriod: M(12) })),
    { laterContractPeriod: 'consumer_renewal_must_be_indefinite' });
  assert.equal((await get(`plan-variants/${ok.id}`)).body.laterContractPeriod, null);
});

test('next step change needs a next variant of the same plan group', async () => {
  const g = await group();
  const p = await plan(g);
  const base = { contractPeriod: M(3), afterFirstContractPeriodNextStep: 'change' };
  assert.deepEqual(fieldsOf(await post('plan-variants', variantBody(p, base))), { nextPlanVariantId: 'required' });
  const next = await created('plan-variants', variantBody(p));
  const v = await created('plan-variants', variantBody(p, { ...base, nextPlanVariantId: next.id }));
  assert.equal(v.nextPlanVariantId, next.id);
  const other = await created('plan-variants', variantBody(await plan(await group())));
  assert.deepEqual(fieldsOf(await post('plan-variants', variantBody(p, { ...base, nextPlanVariantId: other.id }))),
    { nextPlanVariantId: 'not_in_same_plan_group' });
  assert.deepEqual(fieldsOf(await post('plan-variants', variantBody(p, { nextPlanVariantId: next.id }))),
    { nextPlanVariantId: 'only_with_next_step_change' });
  assert.deepEqual(fieldsOf(await post('plan-variants', variantBody(p, { ...base, nextPlanVariantId: randomUUID() }))),
    { nextPlanVariantId: 'unknown' });
  errorOf(await del(`plan-variants/${next.id}`), assert, 409, 'in_use');
});

test('components: rules per type, and variants restricted to components of their group', async () => {
  const g = await group();
  const seats = await created('components', { planGroupId: g.id, type: 'quantityBased', name: { en: 'Seats' },
    unitPrice: 250, feePeriod: M(), minQuantity: 1, maxQuantity: 10 });
  assert.equal(seats.showInSignup, true);
  const metered = await created('components', { planGroupId: g.id, type: 'metered', name: { en: 'Traffic' },
    unitPrice: 9, unitName: { en: 'GB' } });
  assert.equal(metered.feePeriod, null);
  assert.deepEqual(fieldsOf(await post('components', { planGroupId: g.id, type: 'quantityBased', name: { en: 'x' },
    unitPrice: 1 })), { feePeriod: 'required' });
  assert.deepEqual(fieldsOf(await post('components', { planGroupId: g.id, type: 'onOff', name: { en: 'x' },
    unitPrice: 1, feePeriod: M(), maxQuantity: 2 })), { maxQuantity: 'on_off_is_0_or_1' });
  assert.deepEqual(fieldsOf(await post('components', { planGroupId: g.id, type: 'dial', name: { en: 'x' },
    unitPrice: 1, feePeriod: M(), minQuantity: 5, maxQuantity: 2 })), { type: 'invalid_value', maxQuantity: 'below_minimum' });
  assert.deepEqual(fieldsOf(await patch(`components/${seats.id}`, { type: 'onOff' })), { type: 'immutable' });
  const onlyMetered = await get(`components?planGroupId=${g.id}&type=metered`);
  assert.deepEqual(onlyMetered.body.data.map((c) => c.id), [metered.id]);
  const p = await plan(g);
  const v = await created('plan-variants', variantBody(p, { componentIds: [seats.id] }));
  assert.deepEqual(v.componentIds, [seats.id]);
  const foreign = await created('components', { planGroupId: (await group()).id, type: 'onOff', name: { en: 'y' },
    unitPrice: 1, feePeriod: M() });
  assert.deepEqual(fieldsOf(await post('plan-variants', variantBody(p, { componentIds: [foreign.id] }))),
    { componentIds: 'not_in_same_plan_group' });
  assert.deepEqual(fieldsOf(await post('plan-variants', variantBody(p, { componentIds: [seats.id, seats.id] }))),
    { 'componentIds[1]': 'duplicate' });
  // a quarterly fee component does not fit a monthly billing period, in either order of creation
  assert.deepEqual(fieldsOf(await post('components', { planGroupId: g.id, type: 'onOff', name: { en: 'q' },
    unitPrice: 1, feePeriod: M(3) })), { feePeriod: 'does_not_divide_variant_billing_period' });
});

test('coupons: kinds, durations, validity, case-insensitive unique codes, read-only redemptions', async () => {
  const code = `C${randomUUID().slice(0, 8)}`;
  const c = await created('coupons', { code, kind: 'percent', percentBasisPoints: 1500, appliesTo: ['recurringFee'],
    duration: 'forever' });
  assert.equal(c.redemptions, 0);
  assert.equal(c.active, true);
  errorOf(await post('coupons', { code: code.toLowerCase(), kind: 'percent', percentBasisPoints: 1,
    appliesTo: ['setupFee'], duration: 'once' }), assert, 409, 'conflict');
  assert.deepEqual(fieldsOf(await post('coupons', { code: 'X1', kind: 'fixed', appliesTo: ['recurringFee'],
    duration: 'periods', percentBasisPoints: 10 })),
    { amount: 'required', currency: 'required', percentBasisPoints: 'only_for_percent', durationPeriods: 'required' });
  assert.deepEqual(fieldsOf(await post('coupons', { code: 'bad code!', kind: 'percent', percentBasisPoints: 10001,
    appliesTo: [], duration: 'sometimes' })), { code: 'invalid', percentBasisPoints: 'out_of_range',
    appliesTo: 'required', duration: 'invalid_value' });
  assert.deepEqual(fieldsOf(await post('coupons', { code: 'X2', kind: 'percent', percentBasisPoints: 10,
    appliesTo: ['recurringFee'], duration: 'once', validFrom: '2027-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' })),
    { validUntil: 'not_after_valid_from' });
  assert.deepEqual(fieldsOf(await post('coupons', { code: 'X3', kind: 'percent', percentBasisPoints: 10,
    appliesTo: ['recurringFee'], duration: 'once', planVariantIds: [randomUUID()] })), { planVariantIds: 'unknown' });
  assert.deepEqual(fieldsOf(await patch(`coupons/${c.id}`, { redemptions: 5, code: 'NEW' })),
    { redemptions: 'read_only', code: 'immutable' });
  const fixed = await created('coupons', { code: `F${randomUUID().slice(0, 8)}`, kind: 'fixed', amount: 500,
    currency: 'EUR', appliesTo: ['recurringFee', 'setupFee'], duration: 'periods', durationPeriods: 3,
    validUntil: '2030-01-01T10:00:00+01:00' });
  assert.equal(fixed.validUntil, '2030-01-01T09:00:00Z');
  assert.deepEqual(fixed.appliesTo, ['recurringFee', 'setupFee']);
  assert.equal((await patch(`coupons/${fixed.id}`, { active: false })).body.active, false);
});

test('hostile strings are stored verbatim, never interpreted', async () => {
  const name = "Robert'); DROP TABLE plan_groups;-- <script>alert(1)</script> ünïcødé €";
  const g = await created('plan-groups', { name, currency: 'EUR' });
  assert.equal((await get(`plan-groups/${g.id}`)).body.name, name);
  assert.equal((await get('plan-groups?limit=1')).status, 200);
  errorOf(await get(`plan-groups?externalId=${encodeURIComponent("' OR 1=1 --")}&limit=abc`), assert, 422);
});

test('every catalog resource: create, read, update, archive, list without and with archived', async () => {
  const g = await group();
  const p = await plan(g);
  const rows = {
    'plan-groups': [{ name: 'G', currency: 'EUR' }, { name: 'G2' }],
    plans: [{ planGroupId: g.id, name: { en: 'P' } }, { hidden: true }],
    'plan-variants': [variantBody(p), { recurringFee: 2500 }],
    components: [{ planGroupId: g.id, type: 'onOff', name: { en: 'C' }, unitPrice: 100, feePeriod: M() },
      { unitPrice: 200 }],
    coupons: [{ code: `Z${randomUUID().slice(0, 8)}`, kind: 'percent', percentBasisPoints: 500,
      appliesTo: ['components'], duration: 'once' }, { maxRedemptions: 5 }],
  };
  for (const [path, [body, change]] of Object.entries(rows)) {
    const ext = `life-${randomUUID()}`;
    const c = await created(path, { ...body, externalId: ext });
    assert.deepEqual((await get(`${path}/${c.id}`)).body, c, path);
    const u = await patch(`${path}/${c.id}`, change);
    assert.equal(u.status, 200, `${path}: ${JSON.stringify(u.body)}`);
    for (const [k, v] of Object.entries(change)) assert.deepEqual(u.body[k], v, `${path}.${k}`);
    assert.equal((await patch(`${path}/${c.id}`, { archived: true })).body.archived, true);
    assert.equal((await get(`${path}?externalId=${ext}`)).body.data.length, 0, path);
    assert.equal((await get(`${path}?externalId=${ext}&includeArchived=true`)).body.data.length, 1, path);
    assert.equal((await patch(`${path}/${c.id}`, { archived: false })).body.archived, false);
  }
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestStore } from '../helpers/store';
import { type Recorder, storeWithRecorder } from './helpers';

// FIXED_NOW is 2026-06-15.
let t: TestStore;
let r: Recorder;
beforeEach(async () => ({ t, r } = await storeWithRecorder()));
afterEach(() => t.cleanup());

const count = (table: string): number =>
  (t.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('interactions', () => {
  it('are logged, listed newest first with paging and a customer filter, and deleted', async () => {
    const ada = await r.customer('Ada');
    const bob = await r.customer('Bob');
    const sale = await r.won(ada.id, '2026-06-01');
    const log = (customerId: number, occurredOn: string, summary: string, saleId: number | null = null) =>
      r.call('care.interactions.create', { customerId, kind: 'call', occurredOn, summary, saleId });
    const first = await log(ada.id, '2026-06-02', '  Asked about delivery  ', sale.id);
    expect(first).toMatchObject({
      customerName: 'Ada',
      summary: 'Asked about delivery',
      saleId: sale.id,
      saleTitle: 'Sale 2026-06-01',
    });
    await log(ada.id, '2026-06-10', 'Follow-up');
    await log(bob.id, '2026-06-05', 'Intro');
    const page = await r.call('care.interactions.list', { customerId: ada.id, limit: 1 });
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.summary)).toEqual(['Follow-up']);
    expect((await r.call('care.interactions.list', { from: '2026-06-03', to: '2026-06-06' })).items).toEqual([
      expect.objectContaining({ summary: 'Intro' }),
    ]);
    expect(await r.call('care.interactions.delete', { id: first.id })).toEqual({ id: first.id });
    await expect(r.call('care.interactions.delete', { id: first.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(count('interactions')).toBe(2);
  });

  it('refuse an unknown customer, a sale of another customer, a future day or an empty summary, writing nothing', async () => {
    const ada = await r.customer('Ada');
    const bob = await r.customer('Bob');
    const bobs = await r.won(bob.id, '2026-06-01');
    const base = { customerId: ada.id, kind: 'call' as const, occurredOn: '2026-06-02', summary: 'x' };
    await expect(r.call('care.interactions.create', { ...base, customerId: 99 })).rejects.toMatchObject({
      issues: [{ path: 'customerId', message: 'errors.unknownCustomer' }],
    });
    await expect(r.call('care.interactions.create', { ...base, saleId: bobs.id })).rejects.toMatchObject({
      issues: [{ path: 'saleId', message: 'errors.saleOfOtherCustomer' }],
    });
    await expect(r.call('care.interactions.create', { ...base, saleId: 12345 })).rejects.toMatchObject({
      issues: [{ path: 'saleId', message: 'errors.unknownSale' }],
    });
    await expect(r.call('care.interactions.create', { ...base, occurredOn: '2026-06-16' })).rejects.toMatchObject({
      issues: [{ path: 'occurredOn', message: 'errors.futureDate' }],
    });
    expect(() => r.call('care.interactions.create', { ...base, summary: '   ' })).toThrow(/errors.required/);
    expect(() => r.call('care.interactions.create', { ...base, kind: 'fax' as never })).toThrow(/errors.invalid/);
    expect(() => r.call('care.interactions.create', { ...base, occurredOn: '2026-02-30' })).toThrow(/errors.date/);
    expect(count('interactions')).toBe(0);
  });
});

describe('complaints', () => {
  const open = (customerId: number, more: object = {}) =>
    r.call('care.complaints.create', {
      customerId,
      openedOn: '2026-06-01',
      source: 'review',
      category: 'product',
      description: 'Stopped working',
      ...more,
    });

  it('go open → in progress → resolved with a resolution day, or closed unresolved; reopening clears the day', async () => {
    const ada = await r.customer('Ada');
    const c = await open(ada.id, { severity: 'high' });
    expect(c).toMatchObject({ status: 'open', severity: 'high', remindOn: '2026-06-08', resolvedOn: null });
    expect(await r.call('care.complaints.update', { id: c.id, patch: { status: 'in_progress' } })).toMatchObject({
      status: 'in_progress',
      resolvedOn: null,
    });
    const resolved = await r.call('care.complaints.update', {
      id: c.id,
      patch: { status: 'resolved', resolution: 'Replaced the unit', resolvedOn: '2026-06-05' },
    });
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolution: 'Replaced the unit',
      resolvedOn: '2026-06-05',
      daysToResolve: 4,
      remindOn: null,
    });
    expect(await r.call('care.complaints.update', { id: c.id, patch: { status: 'open' } })).toMatchObject({
      status: 'open',
      resolvedOn: null,
      daysToResolve: null,
      resolution: 'Replaced the unit',
    });
    expect(
      await r.call('care.complaints.update', { id: c.id, patch: { status: 'closed_unresolved', resolution: null } }),
    ).toMatchObject({ status: 'closed_unresolved', resolvedOn: '2026-06-15', daysToResolve: 14, resolution: null });
  });

  it('refuse impossible dates and foreign sales, and change nothing', async () => {
    const ada = await r.customer('Ada');
    const bob = await r.customer('Bob');
    const bobs = await r.won(bob.id, '2026-06-01');
    const c = await open(ada.id);
    const update = (patch: object) => r.call('care.complaints.update', { id: c.id, patch: patch as never });
    await expect(update({ status: 'resolved', resolvedOn: '2026-05-31' })).rejects.toMatchObject({
      issues: [{ path: 'resolvedOn', message: 'errors.resolvedBeforeOpened' }],
    });
    await expect(update({ status: 'resolved', resolvedOn: '2026-06-20' })).rejects.toMatchObject({
      issues: [{ path: 'resolvedOn', message: 'errors.futureDate' }],
    });
    await expect(update({ resolvedOn: '2026-06-03' })).rejects.toMatchObject({ issues: [{ path: 'resolvedOn' }] });
    await expect(update({ saleId: bobs.id })).rejects.toMatchObject({
      issues: [{ path: 'saleId', message: 'errors.saleOfOtherCustomer' }],
    });
    await expect(open(ada.id, { openedOn: '2026-07-01' })).rejects.toMatchObject({
      issues: [{ path: 'openedOn', message: 'errors.futureDate' }],
    });
    await expect(r.call('care.complaints.update', { id: 999, patch: {} })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(() => open(ada.id, { category: 'weather' })).toThrow(/errors.invalid/);
    expect(() => open(ada.id, { description: '' })).toThrow(/errors.required/);
    expect(await r.call('care.complaints.list', {})).toMatchObject({
      total: 1,
      items: [{ id: c.id, status: 'open', saleId: null }],
    });
  });

  it('list active ones first, oldest first, and filter by status and customer', async () => {
    const ada = await r.customer('Ada');
    const bob = await r.customer('Bob');
    const a1 = await open(ada.id, { openedOn: '2026-06-03' });
    const a2 = await open(ada.id, { openedOn: '2026-06-01' });
    const b1 = await open(bob.id, { openedOn: '2026-05-01' });
    await r.call('care.complaints.update', { id: b1.id, patch: { status: 'resolved' } });
    expect((await r.call('care.complaints.list', {})).items.map((c) => c.id)).toEqual([a2.id, a1.id, b1.id]);
    expect((await r.call('care.complaints.list', { status: 'closed' })).items.map((c) => c.id)).toEqual([b1.id]);
    expect((await r.call('care.complaints.list', { status: 'active', customerId: bob.id })).total).toBe(0);
  });
});

describe('the customer timeline', () => {
  it('puts sales, interactions, check-ins and complaints in one list, newest first', async () => {
    const ada = await r.customer('Ada');
    const [, day3] = await r.wonWithCheckIns(ada.id, '2026-06-10');
    const { complaint } = await r.call('care.checkins.complete', {
      id: day3!.id,
      completedOn: '2026-06-12',
      concern: 'Late',
    });
    await r.call('care.interactions.create', {
      customerId: ada.id,
      kind: 'email',
      occurredOn: '2026-06-11',
      summary: 'Hi',
    });
    const timeline = await r.call('care.timeline', { customerId: ada.id });
    expect(timeline.map((e) => `${e.date} ${e.type}`)).toEqual([
      '2026-09-08 check_in', // pending: by due date
      '2026-07-10 check_in',
      '2026-06-12 complaint', // same day as the check-in that raised it: complaint first
      '2026-06-12 check_in',
      '2026-06-11 interaction',
      '2026-06-10 sale',
    ]);
    expect(timeline[2]).toMatchObject({ type: 'complaint', complaint: { id: complaint!.id } });
    await expect(r.call('care.timeline', { customerId: 404 })).rejects.toMatchObject({ code: 'not_found' });
  });
});

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DatabaseError } from '../../src-main/db/connection';
import type { Handlers } from '../../src-main/kernel/handlers';
import { emit, GENERIC_INTERNAL_MESSAGE, registerApi, serving } from '../../src-main/ipc/register';
import { createHandlers } from '../../src-main/ipc/assemble';
import { AppError } from '../../src-main/kernel/errors';
import {
  CHANNEL_PREFIX,
  CHANNELS,
  EVENT_PREFIX,
  type Channel,
  type Envelope,
  type EventName,
  type Output,
  type EventPayload,
} from '../../src-main/shared/api';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderDialogs } from '../../src-main/features/exchange/dialogs';
import { reportDoc, reportText } from '../coach/fixtures';
import { FIXED_NOW, freshStore, type TestStore } from '../helpers/store';
import { appFrame, CapturingIpcMain, RecordingTarget, subFrame } from './fakes';

const ORIGIN = 'rapport://app';

let t: TestStore;
let ipc: CapturingIpcMain;
let events: { event: EventName; payload: unknown }[];
let log: ReturnType<typeof vi.fn<(message: string, error?: unknown) => void>>;

beforeEach(async () => {
  t = await freshStore();
  events = [];
  log = vi.fn();
  const handlers = createHandlers(t.store, {
    now: () => FIXED_NOW,
    version: '1.2.3',
    platform: 'linux',
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => events.push({ event, payload }),
    exchange: {
      dialogs: folderDialogs(join(t.dir, 'files'), () => FIXED_NOW),
      replaceStore: async (swap) => {
        await t.store.close();
        return swap();
      },
    },
  });
  ipc = new CapturingIpcMain();
  registerApi(ipc, serving(handlers, log), { allowedOrigin: ORIGIN, log });
});
afterEach(() => t.cleanup());

/** A call exactly as the preload makes it: prefixed channel, one argument. */
async function call<C extends Channel>(channel: C, input?: unknown): Promise<Envelope<Output<C>>> {
  return (await ipc.invoke(CHANNEL_PREFIX + channel, appFrame(), input)) as Envelope<Output<C>>;
}
async function ok<C extends Channel>(channel: C, input?: unknown): Promise<Output<C>> {
  const reply = await call(channel, input);
  if (!reply.ok) throw new Error(`${channel} failed: ${JSON.stringify(reply.error)}`);
  return reply.value;
}

/** Channels with a walk-through of their own. */
const WALKED_APART = [
  'home.',
  'goals.',
  'techniques.',
  'journal.',
  'search.',
  'experiments.',
  'library.',
  'training.',
  'report.',
  'coach.',
];
const SPIN = {
  id: 1,
  name: 'SPIN',
  description: null,
  category: 'discovery',
  steps: [],
  source: null,
  retired: false,
  starter: null,
  sales: 0,
  entries: 0,
  mergedFrom: [],
};

describe('registerApi', () => {
  it('registers exactly one prefixed handler per contract channel', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(CHANNELS.map((channel) => CHANNEL_PREFIX + channel).sort());
  });

  it('serves every channel with a valid call over a real database', async () => {
    const called = new Set<Channel>();
    const run = async <C extends Channel>(channel: C, input?: unknown): Promise<Output<C>> => {
      called.add(channel);
      return ok(channel, input);
    };

    expect(await run('app.info', {})).toEqual({ version: '1.2.3', databasePath: t.file, platform: 'linux' });
    // No firstScreenShown hook here (the CLI has no window): nothing to run, still answered.
    expect(await run('app.firstScreenShown', {})).toBeNull();
    expect(await run('settings.get')).toMatchObject({ onboarded: false });
    expect(await run('settings.update', { language: 'it' })).toMatchObject({ language: 'it' });
    expect(await run('onboarding.start', { mode: 'empty' })).toMatchObject({ onboarded: true });
    expect(await run('onboarding.dataCounts', {})).toMatchObject({ sample: { sales: 0 }, all: { sales: 0 } });
    expect(await run('onboarding.removeSample', {})).toMatchObject({ sales: 0 });
    expect(await run('onboarding.startAfresh', { confirm: 'remove-everything' })).toMatchObject({ sales: 0 });

    const customer = await run('customers.create', {
      name: 'Ada Lovelace',
      email: 'Ada@Example.com',
      segment: 'SMB',
      tags: ['vip'],
    });
    expect(customer).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', archived: false });
    expect((await run('customers.list', {})).items).toHaveLength(1);
    expect((await run('customers.get', { id: customer.id })).customer.id).toBe(customer.id);
    expect(
      await run('customers.update', {
        id: customer.id,
        customer: { name: 'Ada King', email: 'ada@example.com', segment: 'SMB' },
      }),
    ).toMatchObject({
      name: 'Ada King',
    });
    expect(await run('customers.setArchived', { id: customer.id, archived: true })).toMatchObject({ archived: true });
    await run('customers.setArchived', { id: customer.id, archived: false });
    expect(await run('customers.duplicates', { name: 'Ada King', email: null })).toEqual([
      expect.objectContaining({ id: customer.id }),
    ]);
    expect(await run('customers.facets')).toMatchObject({ segments: ['SMB'] });

    const product = await run('products.create', { name: 'Consulting day', listPriceMinor: 80000, currency: 'EUR' });
    expect(await run('products.list')).toEqual([expect.objectContaining({ id: product.id })]);
    const technique = await run('techniques.create', { name: 'SPIN selling' });
    expect(await run('techniques.list')).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: technique.id })]),
    );

    const sale = {
      title: 'Workshop',
      customerId: customer.id,
      productId: product.id,
      amountMinor: 150000,
      currency: 'EUR',
      status: 'won',
      openedOn: '2026-03-01',
      closedOn: '2026-03-10',
      techniqueIds: [technique.id],
      satisfaction: 5,
    };
    const created = await run('sales.create', sale);
    expect(created).toMatchObject({ title: 'Workshop', customerName: 'Ada King', productName: 'Consulting day' });
    expect((await run('sales.list', {})).total).toBe(1);
    expect((await run('sales.get', { id: created.id })).id).toBe(created.id);
    expect(await run('sales.update', { id: created.id, sale: { ...sale, amountMinor: 175000 } })).toMatchObject({
      amountMinor: 175000,
    });
    expect(await run('stats.summary', { from: '2026-01-01', to: '2026-06-30' })).toMatchObject({
      revenue_cents: 175000,
      deals_won: 1,
    });
    // The import wizard's operations, over a real file the user picked (stand-in dialog).
    mkdirSync(join(t.dir, 'files'), { recursive: true });
    writeFileSync(
      join(t.dir, 'files', 'to-import.csv'),
      'Date,Customer,Amount,Status\n2026-03-01,Ada King,10.00,won\n',
    );
    const importFile = (await run('dialog.openFile', { purpose: 'import' })).path!;
    expect(importFile).toBe(join(t.dir, 'files', 'to-import.csv'));
    expect(await run('import.preview', { path: importFile, kind: 'sales' })).toMatchObject({ counts: { insert: 1 } });
    const imported = await run('import.run', { path: importFile, kind: 'sales' });
    expect(imported).toMatchObject({ inserted: 1, customers_created: 0, errors: [] });
    expect(await run('import.history')).toEqual([expect.objectContaining({ id: imported.batch_id, inserted: 1 })]);
    expect(await run('import.undo', { batchId: imported.batch_id })).toMatchObject({ salesRemoved: 1 });
    expect(await run('import.cancel')).toEqual({ cancelled: false });
    await run('import.mappings.save', { name: 'Pipedrive', kind: 'sales', mapping: { amount: 'Deal - Value' } });
    expect(await run('import.mappings.list')).toEqual([expect.objectContaining({ name: 'Pipedrive' })]);

    // Customer care. The sale closed on 03-10: of its check-ins only day 90 (06-08) is recent
    // enough to schedule on 06-15, and it is overdue.
    const logged = await run('care.interactions.create', {
      customerId: customer.id,
      kind: 'call',
      occurredOn: '2026-06-14',
      summary: 'Asked about the workshop',
    });
    expect((await run('care.interactions.list', { customerId: customer.id })).total).toBe(1);
    expect(await run('care.interactions.delete', { id: logged.id })).toEqual({ id: logged.id });
    const [checkIn] = await run('care.checkins.list', { saleId: created.id });
    expect(checkIn).toMatchObject({ stepDays: 90, dueOn: '2026-06-08', status: 'pending' });
    expect(await run('care.followups.count', {})).toEqual({ asOf: '2026-06-15', overdue: 1, today: 0, due: 1 });
    expect((await run('care.followups.list', {})).overdue).toEqual([
      expect.objectContaining({ id: `c${checkIn!.id}` }),
    ]);
    expect(await run('care.followups.snooze', { id: `c${checkIn!.id}`, days: 2 })).toEqual({
      id: `c${checkIn!.id}`,
      dueOn: '2026-06-17',
    });
    expect(await run('care.followups.reschedule', { id: `c${checkIn!.id}`, dueOn: '2026-06-15' })).toMatchObject({
      dueOn: '2026-06-15',
    });
    const completed = await run('care.checkins.complete', { id: checkIn!.id, csat: 2, concern: 'Too short' });
    expect(completed.complaint).toMatchObject({ source: 'check_in', status: 'open' });
    expect((await run('care.atRisk', {})).items).toEqual([expect.objectContaining({ customerId: customer.id })]);
    expect(
      await run('care.complaints.update', { id: completed.complaint!.id, patch: { status: 'resolved' } }),
    ).toMatchObject({ status: 'resolved', resolvedOn: '2026-06-15' });
    const complaint = await run('care.complaints.create', {
      customerId: customer.id,
      openedOn: '2026-06-15',
      source: 'email',
      category: 'billing',
      description: 'Invoice sent twice',
    });
    expect(await run('care.followups.done', { id: `k${complaint.id}`, outcome: 'Cancelled one' })).toMatchObject({
      kind: 'complaint',
      complaint: { status: 'resolved' },
    });
    expect((await run('care.complaints.list', {})).total).toBe(2);
    const recent = await run('sales.create', { ...sale, openedOn: '2026-06-01', closedOn: '2026-06-12' });
    const [day3] = await run('care.checkins.list', { saleId: recent.id });
    expect(await run('care.checkins.skip', { id: day3!.id })).toMatchObject({ status: 'skipped' });
    expect(await run('sales.delete', { id: recent.id })).toEqual({ id: recent.id });
    expect((await run('care.metrics', { from: '2026-06-01', to: '2026-06-30' })).complaints).toMatchObject({
      opened: 2,
      resolved: 2,
    });
    expect(await run('care.cadence.set', { defaultDays: [7, 30] })).toMatchObject({ defaultDays: [7, 30] });
    expect(await run('care.cadence.get')).toMatchObject({ defaultDays: [7, 30], products: [], segments: [] });
    await run('care.contactRules.set', { rules: [{ scope: 'segment', value: 'SMB', idealDays: 14, maxDays: 30 }] });
    expect(await run('care.contactRules.get')).toEqual([expect.objectContaining({ scope: 'segment', value: 'SMB' })]);
    expect((await run('care.timeline', { customerId: customer.id })).map((e) => e.type)).toContain('complaint');
    const calendar = await run('dialog.saveFile', { purpose: 'export-ics' });
    expect(await run('care.ics.export', { path: calendar.path })).toMatchObject({ path: calendar.path });

    expect(await run('sales.delete', { id: created.id })).toEqual({ id: created.id });

    // Export, backup and restore use paths the user picked in a (here: stand-in) dialog.
    const exported = await run('dialog.saveFile', { purpose: 'export-sales' });
    expect(await run('data.export', { kind: 'sales', path: exported.path })).toMatchObject({ rows: 0 });
    const backup = await run('dialog.saveFile', { purpose: 'backup' });
    expect(await run('data.backup', { path: backup.path })).toMatchObject({ path: backup.path });
    // The import above left an automatic backup; restoring one for real is test/backups' (a
    // restore closes the store), so here only a refused id reaches its handler.
    expect((await run('data.backups.list')).map((b) => b.reason)).toContain('before-import');
    called.add('data.backups.restore');
    expect(await call('data.backups.restore', { id: '2020-01-01T00-00-00-000Z-daily.sqlite' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'failures.backups.unknown' },
    });
    const chosen = await run('dialog.openFile', { purpose: 'restore' });
    expect(chosen.path).toBe(backup.path);
    // Last: a restore closes the store these handlers use.
    expect(await run('data.restore', { path: chosen.path })).toMatchObject({ restoredFrom: backup.path });

    // These features' channels have their own walk-through below.
    const walkedHere = (c: Channel): boolean => !WALKED_APART.some((p) => c.startsWith(p));
    expect([...called].filter(walkedHere).sort()).toEqual(CHANNELS.filter(walkedHere).sort());
    // Writes announced their changes through the emit callback.
    expect(events.map((e) => e.event)).toContain('data.changed');
    expect(log).not.toHaveBeenCalled();
  });

  it('serves every goals channel with a valid call over a real database', async () => {
    const called = new Set<Channel>();
    const run = async <C extends Channel>(channel: C, input?: unknown): Promise<Output<C>> => {
      called.add(channel);
      return ok(channel, input);
    };
    const june = { kind: 'fixed', from: '2026-06-01', to: '2026-06-30' };
    expect(await run('goals.calendar.set', { weekdays: [1, 2, 3, 4, 5], breaks: [] })).toEqual({
      weekdays: [1, 2, 3, 4, 5],
      breaks: [],
    });
    expect(await run('goals.calendar.get')).toMatchObject({ weekdays: [1, 2, 3, 4, 5] });
    const goal = await run('goals.create', {
      title: 'Cold calls',
      metric: 'custom',
      customName: 'calls',
      target: 100,
      period: june,
      milestones: [{ kind: 'step', title: 'Build the list', date: '2026-06-05' }],
    });
    expect(goal).toMatchObject({ metric: 'custom', unit: 'number', archived: false });
    const { milestones } = await run('goals.get', { id: goal.id });
    expect(await run('goals.milestones.tick', { id: milestones[0]!.id, done: true })).toMatchObject({ reached: true });
    expect(
      await run('goals.update', {
        id: goal.id,
        goal: { title: 'Cold calls', metric: 'custom', customName: 'calls', target: 80, period: june },
        note: 'Short month',
      }),
    ).toMatchObject({ target: 80 });
    const value = await run('goals.values.log', { goalId: goal.id, date: '2026-06-01', value: 12 });
    expect((await run('goals.values.list', { goalId: goal.id })).total).toBe(1);
    mkdirSync(join(t.dir, 'files'), { recursive: true });
    writeFileSync(join(t.dir, 'files', 'calls.csv'), 'date,calls\n2026-06-02,7\n');
    const picked = (await run('dialog.openFile', { purpose: 'import' })).path!;
    expect(await run('goals.values.import', { goalId: goal.id, path: picked })).toMatchObject({ inserted: 1 });
    expect(await run('goals.values.delete', { id: value.id })).toEqual({ id: value.id });
    const detail = await run('goals.get', { id: goal.id });
    expect(detail).toMatchObject({
      pace: { actual: 7 },
      changes: [{ field: 'target', from: 100, to: 80, easing: true }],
    });
    expect((await run('goals.list', {})).items).toHaveLength(1);
    expect((await run('goals.timeline', { zoom: 'month' })).bars).toHaveLength(1);
    expect(await run('goals.scorecard', {})).toMatchObject({ every: 'monthly' });
    expect((await run('goals.nudges', {})).items.map((i) => i.goalId)).toEqual([goal.id]);
    expect(await run('goals.archive', { id: goal.id, archived: true })).toMatchObject({ archived: true });
    expect([...called].filter((c) => c.startsWith('goals.')).sort()).toEqual(
      CHANNELS.filter((c) => c.startsWith('goals.')).sort(),
    );
    expect(events).toContainEqual({ event: 'data.changed', payload: { entities: ['goals'] } });
  });

  it('serves every home channel with a valid call over a real database', async () => {
    const called = new Set<Channel>();
    const run = async <C extends Channel>(channel: C, input?: unknown): Promise<Output<C>> => {
      called.add(channel);
      return ok(channel, input);
    };
    const customer = await ok('customers.create', { name: 'Ada Lovelace' });
    await ok('sales.create', {
      customerId: customer.id,
      title: 'Licence',
      amountMinor: 120_000,
      currency: 'EUR',
      status: 'won',
      openedOn: '2026-06-01',
      closedOn: '2026-06-10',
    });
    const home = await run('home.summary', { period: 'month', compare: 'previous' });
    expect(home).toMatchObject({ current: { from: '2026-06-01', to: '2026-06-15' }, hasSales: true });
    expect(home.cards.find((c) => c.key === 'revenue')).toMatchObject({ currency: 'EUR', value: 120_000, previous: 0 });
    const custom = await run('home.summary', { period: 'custom', from: '2026-01-01', to: '2026-12-31' });
    expect(custom).toMatchObject({ grain: 'month', previous: { from: '2025-01-01', to: '2025-12-31' } });
    const refused = await call('home.summary', { period: 'custom', from: '2026-01-01' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect([...called].sort()).toEqual(CHANNELS.filter((c) => c.startsWith('home.')).sort());
  });

  it('serves every techniques catalogue and journal channel with a valid call over a real database', async () => {
    const called = new Set<Channel>();
    const run = async <C extends Channel>(channel: C, input?: unknown): Promise<Output<C>> => {
      called.add(channel);
      return ok(channel, input);
    };
    const customer = await ok('customers.create', { name: 'Ada Lovelace' });
    const spin = await run('techniques.create', { name: 'SPIN', category: 'discovery', steps: ['Situation'] });
    expect(spin).toMatchObject({ category: 'discovery', steps: ['Situation'], retired: false });
    expect(await run('techniques.get', { id: spin.id })).toEqual(spin);
    expect(
      await run('techniques.update', { id: spin.id, name: 'SPIN questions', category: 'discovery' }),
    ).toMatchObject({ name: 'SPIN questions' });
    expect((await run('techniques.starter')).find((s) => s.key === 'spin')).toMatchObject({ added: true });
    const [fff] = await run('techniques.addStarter', { keys: ['feel_felt_found'] });
    expect(fff).toMatchObject({ starter: 'feel_felt_found', category: 'objections' });
    expect(await run('techniques.retire', { id: fff!.id, retired: true })).toMatchObject({ retired: true });

    const entry = await run('journal.create', {
      date: '2026-06-01',
      title: 'Discovery call',
      customerId: customer.id,
      techniqueIds: [spin.id, fff!.id],
      outcome: 'worked',
      tags: ['discovery'],
      body: '**Numbers** first',
    });
    expect(entry).toMatchObject({ customer: { id: customer.id }, techniques: [{ id: fff!.id }, { id: spin.id }] });
    expect(await run('journal.get', { id: entry.id })).toEqual(entry);
    expect(await run('journal.list', { techniqueId: spin.id })).toMatchObject({ total: 1 });
    expect(await run('journal.tags')).toEqual([{ tag: 'discovery', count: 1 }]);
    expect(await run('techniques.list')).toEqual([
      expect.objectContaining({ name: 'Feel-felt-found', entries: 1 }),
      expect.objectContaining({ name: 'SPIN questions', entries: 1 }),
    ]);
    const merged = await run('techniques.merge', { from: fff!.id, into: spin.id });
    expect(merged).toMatchObject({ entriesMoved: 1, salesMoved: 0, survivor: { mergedFrom: ['Feel-felt-found'] } });
    expect(
      await run('journal.update', { id: entry.id, date: '2026-06-02', title: 'Discovery call', outcome: 'mixed' }),
    ).toMatchObject({ outcome: 'mixed', techniques: [], customer: null });
    expect(await run('journal.delete', { id: entry.id })).toEqual({ id: entry.id });

    const mine = (c: Channel): boolean =>
      (c.startsWith('techniques.') && !['techniques.stats', 'techniques.segments', 'techniques.usage'].includes(c)) ||
      c.startsWith('journal.');
    expect([...called].sort()).toEqual(CHANNELS.filter(mine).sort());
    expect(events).toContainEqual({ event: 'data.changed', payload: { entities: ['journal'] } });
    expect(log).not.toHaveBeenCalled();
  });

  it('serves every what-works and experiments channel with a valid call over a real database', async () => {
    const called = new Set<Channel>();
    const run = async <C extends Channel>(channel: C, input?: unknown): Promise<Output<C>> => {
      called.add(channel);
      return ok(channel, input);
    };
    const customer = await run('customers.create', { name: 'Ada', segment: 'SMB', tags: [] });
    const technique = await run('techniques.create', { name: 'Feel-felt-found' });
    const sale = (status: string, on: string, techniqueIds: number[]) =>
      ok('sales.create', {
        title: 'Deal',
        customerId: customer.id,
        amountMinor: 100_000,
        currency: 'EUR',
        status,
        openedOn: on,
        closedOn: status === 'open' ? null : on,
        techniqueIds,
      });
    await sale('won', '2026-05-04', [technique.id]);
    await sale('lost', '2026-05-06', []);
    await sale('open', '2026-05-08', [technique.id]);
    const may = { from: '2026-05-01', to: '2026-05-31' };
    expect(await run('techniques.stats', may)).toMatchObject({
      closed: 2,
      rows: [{ technique: 'Feel-felt-found', used: 1, won: 1, open: 1, baselineUsed: 1, closedNeeded: 18 }],
    });
    expect(await run('techniques.segments', { ...may, segment: 'SMB' })).toMatchObject({
      segments: ['SMB'],
      cells: [{ segment: 'SMB', techniqueId: technique.id, used: 1, won: 1, winRate: 1 }],
    });
    expect(await run('techniques.usage', may)).toEqual({
      months: ['2026-05'],
      series: [{ techniqueId: technique.id, technique: 'Feel-felt-found', counts: [2] }],
    });

    const experiment = await run('experiments.create', {
      techniqueId: technique.id,
      hypothesis: 'Agreeing first softens objections',
      startedOn: '2026-05-01',
      stop: { kind: 'deals', deals: 1 },
      segment: 'SMB',
    });
    expect(experiment).toMatchObject({ status: 'complete', through: '2026-05-04', result: { used: 1, won: 1 } });
    expect(await run('experiments.list', {})).toEqual([experiment]);
    expect(await run('experiments.get', { id: experiment.id })).toEqual(experiment);
    const concluded = await run('experiments.conclude', {
      id: experiment.id,
      outcome: 'worked',
      learned: 'It works on price objections',
      endedOn: '2026-06-01',
    });
    expect(concluded.experiment).toMatchObject({ status: 'concluded', conclusionEntryId: concluded.entryId });
    const refused = await call('experiments.conclude', { id: experiment.id, learned: 'Again', endedOn: '2026-06-02' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await run('experiments.delete', { id: experiment.id })).toEqual({ id: experiment.id });
    const whatWorks = (c: Channel): boolean =>
      c.startsWith('experiments.') || ['techniques.stats', 'techniques.segments', 'techniques.usage'].includes(c);
    expect([...called].filter(whatWorks).sort()).toEqual(CHANNELS.filter(whatWorks).sort());
    expect(events).toContainEqual({ event: 'data.changed', payload: { entities: ['experiments', 'journal'] } });
  });

  it('serves every search channel with a valid call over a real database', async () => {
    const called = new Set<Channel>();
    const run = async <C extends Channel>(channel: C, input?: unknown): Promise<Output<C>> => {
      called.add(channel);
      return ok(channel, input);
    };
    const customer = await ok('customers.create', { name: 'Ada Rossi', notes: 'Chiede perché il prezzo cambia' });
    expect(await run('search.query', { text: 'perche prez' })).toEqual({
      items: [
        {
          kind: 'customer',
          id: customer.id,
          title: 'Ada Rossi',
          snippet: [
            { text: 'Chiede ', match: false },
            { text: 'perché', match: true },
            { text: ' il ', match: false },
            { text: 'prezzo', match: true },
            { text: ' cambia', match: false },
          ],
          date: FIXED_NOW.toISOString().slice(0, 10),
          customerId: customer.id,
          itemId: null,
        },
      ],
      total: 1,
      counts: { journal: 0, technique: 0, sale: 0, customer: 1, complaint: 0, training: 0, library: 0, highlight: 0 },
    });
    expect(await run('search.query', { text: 'NEAR("', order: 'newest', kinds: ['sale'], limit: 5 })).toMatchObject({
      items: [],
      total: 0,
    });
    expect([...called].filter((c) => c.startsWith('search.')).sort()).toEqual(
      CHANNELS.filter((c) => c.startsWith('search.')).sort(),
    );
    expect(log).not.toHaveBeenCalled();
  });

  it('serves every library channel with a valid call over a real database', async () => {
    const called = new Set<Channel>();
    const run = async <C extends Channel>(channel: C, input?: unknown): Promise<Output<C>> => {
      called.add(channel);
      return ok(channel, input);
    };
    const fixtures = fileURLToPath(new URL('../fixtures/library', import.meta.url));
    const shelf = join(t.dir, 'files', 'library');
    mkdirSync(shelf, { recursive: true });
    copyFileSync(join(fixtures, 'notes-negotiation-en.md'), join(shelf, 'notes-negotiation-en.md'));
    copyFileSync(join(fixtures, 'clippings-en.txt'), join(t.dir, 'files', 'My Clippings.txt'));

    // Only what the user picked may be imported: before the pick, the path is refused.
    expect((await call('library.import', { paths: [shelf] })).ok).toBe(false);
    const { paths } = await run('library.pick', { folders: true });
    expect(paths).toEqual([shelf]);
    const imported = await run('library.import', { paths });
    expect(imported).toMatchObject({ created: 1, failed: 0, cancelled: false });
    expect(events).toContainEqual(expect.objectContaining({ event: 'library.progress' }));
    const seminar = await run('library.get', { id: imported.results[0]!.id! });
    expect(seminar.kind).toBe('seminar');
    expect(await run('library.cancelImport', {})).toEqual({ cancelled: false });

    const clippings = (await run('dialog.openFile', { purpose: 'import' })).path!;
    expect(await run('library.importHighlights', { source: 'kindle', path: clippings })).toMatchObject({
      duplicatesSkipped: 0,
    });
    const book = await run('library.create', {
      kind: 'book',
      title: 'The Quiet Question',
      people: [{ name: 'Elena Marchi' }],
    });
    expect(
      await run('library.update', { id: book.id, kind: 'book', title: 'The Quiet Question', rating: 5 }),
    ).toMatchObject({
      rating: 5,
    });
    expect(await run('library.list', { sort: 'title' })).toMatchObject({ total: expect.any(Number) });
    expect((await run('library.facets')).kinds.seminar).toBe(1);
    expect(await run('library.bulkEdit', { ids: [book.id], addTags: ['closing'] })).toEqual({ updated: 1 });
    expect(await run('library.progress', { id: book.id, on: '2026-06-15', page: 12, minutes: 20 })).toMatchObject({
      status: 'in_progress',
    });
    const highlight = await run('library.highlightSave', { itemId: book.id, text: 'Ask, then wait.', page: 12 });
    const takeaway = await run('library.takeawaySave', {
      itemId: book.id,
      highlightId: highlight.id,
      text: 'Wait after asking',
      technique: { create: { name: 'Strategic silence', category: 'negotiation' } },
    });
    expect(takeaway.technique?.name).toBe('Strategic silence');
    expect(await run('library.takeawayDelete', { id: takeaway.id })).toEqual({ id: takeaway.id });
    expect(await run('library.highlightDelete', { id: highlight.id })).toEqual({ id: highlight.id });
    const action = seminar.actions[0]!;
    expect(await run('library.actionSet', { id: action.id, done: true })).toMatchObject({ done: true });
    expect(await run('library.checkLinks', {})).toEqual({ missing: 0, found: 0 });
    // No system viewer here (the preview has none): refused with a reason, not a crash.
    expect(await call('library.open', { id: seminar.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    called.add('library.open');
    expect(await run('library.delete', { id: book.id })).toEqual({ id: book.id });

    const mine = (c: Channel): boolean => c.startsWith('library.');
    expect([...called].filter(mine).sort()).toEqual(CHANNELS.filter(mine).sort());
    expect(events).toContainEqual({ event: 'data.changed', payload: { entities: ['library'] } });
    expect(log).not.toHaveBeenCalled();
  });

  it('serves every training channel with a valid call over a real database', async () => {
    const called = new Set<Channel>();
    const run = async <C extends Channel>(channel: C, input?: unknown): Promise<Output<C>> => {
      called.add(channel);
      return ok(channel, input);
    };
    const product = await ok('products.create', { name: 'Premium support', currency: 'EUR' });
    const customer = await ok('customers.create', { name: 'Ada Rossi', segment: 'SMB', industry: 'Retail' });
    const note = await run('training.create', {
      subject: 'product',
      productId: product.id,
      benefits: 'Less downtime',
      objections: [{ objection: 'Never needed it', answer: 'Ask about the last outage' }],
    });
    expect(note).toMatchObject({ subject: 'product', product: { id: product.id, name: 'Premium support' } });
    const smb = await run('training.create', { subject: 'segment', name: 'smb', whatWorks: 'Short demos' });
    expect(await run('training.get', { id: note.id })).toEqual(note);
    expect(await run('training.update', { id: smb.id, note: { subject: 'segment', name: 'SMB' } })).toMatchObject({
      name: 'SMB',
      whatWorks: null,
    });
    expect((await run('training.list', { subject: 'segment' })).map((n) => n.id)).toEqual([smb.id]);
    expect((await run('training.list')).map((n) => n.id)).toEqual([note.id, smb.id]);
    expect(
      (await run('training.forSale', { productId: product.id, customerId: customer.id })).map((n) => n.id),
    ).toEqual([note.id, smb.id]);
    expect(await run('training.groups', {})).toEqual({ segments: ['SMB'], industries: ['Retail'] });
    // A second note on the product is refused as a conflict, through the envelope.
    const again = await call('training.create', { subject: 'product', productId: product.id });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'training.failures.productTaken', values: { id: note.id } },
    });
    expect(await run('training.delete', { id: smb.id })).toEqual({ id: smb.id });
    expect([...called].filter((c) => c.startsWith('training.')).sort()).toEqual(
      CHANNELS.filter((c) => c.startsWith('training.')).sort(),
    );
    expect(events).toContainEqual({ event: 'data.changed', payload: { entities: ['training'] } });
    expect(log).not.toHaveBeenCalled();
  });

  it('serves every report channel with a valid call over a real database', async () => {
    const called = new Set<Channel>();
    const run = async <C extends Channel>(channel: C, input?: unknown): Promise<Output<C>> => {
      called.add(channel);
      return ok(channel, input);
    };
    const customer = await ok('customers.create', { name: 'Ada Rossi', tags: [] });
    await ok('sales.create', {
      title: 'Renewal',
      customerId: customer.id,
      amountMinor: 120_000,
      currency: 'EUR',
      status: 'won',
      openedOn: '2026-06-01',
      closedOn: '2026-06-02',
      satisfaction: 5,
    });
    const doc = await run('report.build', { from: '2026-06-01', to: '2026-06-30', anonymize: true });
    expect(doc).toMatchObject({
      schema_version: 2,
      summary: { revenue_cents: 120_000, deals_won: 1 },
      privacy: { pseudonymized: true },
    });
    expect(JSON.stringify(doc)).not.toContain('Ada Rossi');
    // The Reports screen's preview: the template's page of the same document, and its rows.
    const preview = await run('report.preview', { options: { from: '2026-06-01', to: '2026-06-30' }, paper: 'letter' });
    expect(preview.html).toMatch(/^<!doctype html>/);
    expect(preview.html).toContain('size: Letter');
    expect(preview.rows).toMatchObject({ summary: expect.any(Number) });
    // A renderer writes only a path the user picked in a save dialog: one it merely names is refused.
    called.add('report.save');
    const save = await call('report.save', {
      options: { from: '2026-06-01', to: '2026-06-30' },
      format: 'json',
      path: join(t.dir, 'files', 'report.json'),
    });
    expect(save).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'failures.chooseFileFirst' } });
    const bad = await call('report.build', { from: '2026-06-30', to: '2026-06-01', sections: ['gossip'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await run('report.log', {})).toEqual([]);
    expect([...called].filter((c) => c.startsWith('report.')).sort()).toEqual(
      CHANNELS.filter((c) => c.startsWith('report.')).sort(),
    );
    expect(log).not.toHaveBeenCalled();
  });

  it('serves every coach channel: a report opened only once picked, a note, the combined CSV', async () => {
    const called = new Set<Channel>();
    const run = async <C extends Channel>(channel: C, input?: unknown): Promise<Output<C>> => {
      called.add(channel);
      return ok(channel, input);
    };
    mkdirSync(join(t.dir, 'files'), { recursive: true });
    const file = join(t.dir, 'files', 'sara.json');
    writeFileSync(file, reportText(reportDoc('Sara')));
    called.add('coach.open');
    expect(await call('coach.open', { path: file })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'failures.chooseFileFirst' },
    });
    expect(await ok('dialog.openFile', { purpose: 'coach-report' })).toEqual({ path: file });
    const sara = await run('coach.open', { path: file });
    expect(sara).toMatchObject({ seller: 'Sara', document: { summary: { revenue_cents: 300_000 } } });
    const refused = await call('coach.open', { name: 'x.json', text: '{"schema_version": 9}' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'coach.refused.newerVersion', values: { version: 9, reads: 2 } },
    });
    expect(await run('coach.note', { seller: 'Sara', text: 'Good.' })).toMatchObject({ seller: 'Sara' });
    const { path } = await ok('dialog.saveFile', { purpose: 'coach-csv' });
    expect(await run('coach.export', { format: 'csv', path })).toMatchObject({ rows: 1 });
    expect((await run('coach.list', {})).reports).toHaveLength(1);
    expect(await run('coach.remove', { id: sara.id })).toEqual({ id: sara.id });
    expect([...called].filter((c) => c.startsWith('coach.')).sort()).toEqual(
      CHANNELS.filter((c) => c.startsWith('coach.')).sort(),
    );
    expect(log).not.toHaveBeenCalled();
  });

  it('refuses callers that are not the app main frame, without running the handler', async () => {
    for (const event of [
      subFrame(),
      appFrame('rapport://app.evil/'),
      appFrame('rapport://app@evil/'),
      appFrame('http://127.0.0.1:5199/'),
      appFrame('file:///index.html'),
      { senderFrame: null },
    ]) {
      const reply = (await ipc.invoke(`${CHANNEL_PREFIX}customers.create`, event, {
        name: 'Mallory',
      })) as Envelope<unknown>;
      expect(reply).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    }
    expect((await ok('customers.list', {})).total).toBe(0);
    expect(log).toHaveBeenCalled();
  });

  it.each([
    ['customers.create', undefined],
    ['customers.create', null],
    ['customers.create', 'Ada'],
    ['customers.create', []],
    ['customers.get', { id: '1' }],
    ['customers.get', { id: 1.5 }],
    ['customers.get', { id: -1 }],
    ['customers.list', { limit: 10_000 }],
    ['settings.update', { language: 'fr' }],
    ['onboarding.start', { mode: 'everything' }],
    ['app.info', { extra: true }],
    ['sales.delete', {}],
    ['stats.summary', { from: '2026-13-01', to: '2026-01-01' }],
    ['import.preview', { path: '/tmp/x.csv', kind: 'deals' }],
    ['import.run', { path: '/tmp/x.csv', kind: 'sales', options: { delimiter: 'x' } }],
    ['import.undo', { batchId: 0 }],
    ['care.interactions.create', { customerId: 1, kind: 'fax', occurredOn: '2026-01-01', summary: 'x' }],
    ['care.interactions.list', { limit: 0 }],
    ['care.interactions.delete', {}],
    ['care.checkins.list', { status: 'late' }],
    ['care.checkins.skip', { id: -1 }],
    ['care.followups.count', { asOf: 'today' }],
    ['care.complaints.list', { status: 'pending' }],
    ['care.cadence.get', { extra: true }],
    ['care.contactRules.get', { extra: true }],
    ['care.checkins.complete', { id: 1, csat: 6 }],
    ['care.followups.list', { asOf: '2026-02-30' }],
    ['care.followups.done', { id: 'z1' }],
    ['care.followups.snooze', { id: 'c1', days: 0 }],
    ['care.followups.reschedule', { id: 'c1', dueOn: 'tomorrow' }],
    ['care.complaints.create', { customerId: 1, openedOn: '2026-01-01', source: 'fax', category: 'product' }],
    ['care.complaints.update', { id: 1, patch: { status: 'fixed' } }],
    ['care.atRisk', { limit: 0 }],
    ['care.metrics', { from: '2026-02-01', to: '2026-01-01' }],
    ['care.cadence.set', { defaultDays: [3, -1] }],
    ['care.contactRules.set', { rules: [{ scope: 'default', idealDays: 10, maxDays: 5 }] }],
    ['care.timeline', { customerId: 'x' }],
    ['care.ics.export', { path: '' }],
    [
      'goals.create',
      { title: 'G', metric: 'speed', target: 1, period: { kind: 'fixed', from: '2026-06-01', to: '2026-06-30' } },
    ],
    [
      'goals.create',
      { title: 'G', metric: 'revenue', target: 1.5, period: { kind: 'fixed', from: '2026-06-01', to: '2026-06-30' } },
    ],
    ['goals.get', { id: 0 }],
    ['goals.values.log', { goalId: 1, date: '2026-02-30', value: 1 }],
    ['goals.calendar.set', { weekdays: [7], breaks: [] }],
    ['goals.scorecard', { from: '2026-05-01', to: '2026-04-01' }],
    ['goals.timeline', { zoom: 'week' }],
    ['search.query', { text: '  ' }],
    ['search.query', { text: 'prezzo', kinds: ['deal'] }],
    ['search.query', { text: 'prezzo', limit: 101 }],
    ['techniques.merge', { from: 1, into: 1 }],
    ['techniques.addStarter', { keys: [] }],
    ['journal.create', { date: '2026-06-01', title: ' ' }],
    ['journal.create', { date: '2026-06-01', title: 'x', body: 'x'.repeat(1_000_001) }],
    ['journal.list', { outcome: 'great' }],
  ] as const)('rejects invalid input to %s: %j', async (channel, input) => {
    const reply = await call(channel, input);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid_input');
    expect(reply.error.message).toContain(channel);
    expect(reply.error.issues?.length).toBeGreaterThan(0);
    for (const issue of reply.error.issues ?? []) {
      expect(typeof issue.path).toBe('string');
      expect(typeof issue.message).toBe('string');
    }
  });

  it('keeps message keys and field paths of validation issues', async () => {
    const reply = await call('customers.create', { name: '   ', email: 'not-an-email' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!reply.ok && reply.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'errors.required' },
        { path: 'email', message: 'errors.email' },
      ]),
    );
    const sale = await call('sales.create', {
      title: 'x',
      customerId: 1,
      amountMinor: 1,
      currency: 'EUR',
      status: 'open',
      openedOn: '2026-01-02',
      closedOn: '2026-01-01',
    });
    expect(!sale.ok && sale.error.issues).toContainEqual({ path: 'closedOn', message: 'errors.openHasClose' });
  });

  it('turns service errors into envelopes', async () => {
    expect(await call('customers.get', { id: 999 })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'failures.notFound.customer', values: { id: 999 } },
    });
  });

  it('does not pass unknown input keys or prototype tricks through to handlers', async () => {
    const input = JSON.parse('{"name":"Eve","__proto__":{"admin":true},"constructor":{"prototype":{"polluted":1}}}');
    const created = await ok('customers.create', input);
    expect(created.name).toBe('Eve');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('error mapping', () => {
  function withHandler(channel: Channel, handler: (input: unknown) => Promise<unknown>): CapturingIpcMain {
    const handlers = Object.fromEntries(CHANNELS.map((c) => [c, async () => ({})])) as unknown as Handlers;
    (handlers as unknown as Record<string, unknown>)[channel] = handler;
    const fake = new CapturingIpcMain();
    registerApi(fake, serving(handlers, log), { allowedOrigin: ORIGIN, log });
    return fake;
  }
  const invoke = (fake: CapturingIpcMain, channel: Channel, input?: unknown) =>
    fake.invoke(CHANNEL_PREFIX + channel, appFrame(), input) as Promise<Envelope<unknown>>;

  it('passes AppError code, message and issues', async () => {
    const fake = withHandler('customers.create', async () => {
      throw new AppError('conflict', 'A customer with this e-mail exists.', [
        { path: 'email', message: 'errors.duplicate' },
      ]);
    });
    expect(await invoke(fake, 'customers.create', { name: 'A' })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'A customer with this e-mail exists.',
        issues: [{ path: 'email', message: 'errors.duplicate' }],
      },
    });
    expect(log).not.toHaveBeenCalled();
  });

  it('maps DatabaseError to internal with its (user-facing) message, and logs it', async () => {
    const fake = withHandler('settings.get', async () => {
      throw new DatabaseError('Migration 2 failed and was rolled back.', 'migration_failed');
    });
    expect(await invoke(fake, 'settings.get')).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Migration 2 failed and was rolled back.' },
    });
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('hides unexpected errors behind a generic message and logs the real one', async () => {
    const secret = new Error('SQLITE_CONSTRAINT: /home/ada/secret/path');
    const fake = withHandler('products.list', async () => {
      throw secret;
    });
    const reply = await invoke(fake, 'products.list');
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: GENERIC_INTERNAL_MESSAGE } });
    expect(JSON.stringify(reply)).not.toContain('secret');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('products.list'), secret);
  });

  it('treats thrown non-errors the same way', async () => {
    const fake = withHandler('products.list', () => Promise.reject('a string'));
    expect(await invoke(fake, 'products.list')).toEqual({
      ok: false,
      error: { code: 'internal', message: GENERIC_INTERNAL_MESSAGE },
    });
  });

  it('checks the output against the contract and strips unknown keys', async () => {
    const leaky = withHandler('techniques.list', async () => [{ ...SPIN, internalNote: 'x' }]);
    expect(await invoke(leaky, 'techniques.list')).toEqual({ ok: true, value: [SPIN] });
    const wrong = withHandler('techniques.list', async () => [{ id: 'one' }]);
    expect(await invoke(wrong, 'techniques.list')).toEqual({
      ok: false,
      error: { code: 'internal', message: GENERIC_INTERNAL_MESSAGE },
    });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('does not match the contract'), expect.anything());
  });

  it('refuses an incomplete handler map before serving it', () => {
    const handlers = Object.fromEntries(CHANNELS.filter((c) => c !== 'sales.delete').map((c) => [c, async () => ({})]));
    expect(() => serving(handlers as unknown as Handlers)).toThrow(/sales\.delete/);
  });

  it('can be unregistered', () => {
    const fake = new CapturingIpcMain();
    const handlers = Object.fromEntries(CHANNELS.map((c) => [c, async () => ({})])) as unknown as Handlers;
    const unregister = registerApi(fake, serving(handlers), { allowedOrigin: ORIGIN });
    unregister();
    expect(fake.handlers.size).toBe(0);
  });
});

describe('emit', () => {
  it('sends a validated payload on the prefixed event channel', () => {
    const target = new RecordingTarget();
    expect(emit(target, 'data.changed', { entities: ['customers'] })).toBe(true);
    expect(emit(target, 'menu.command', { command: 'new-sale' })).toBe(true);
    expect(target.sent).toEqual([
      { channel: `${EVENT_PREFIX}data.changed`, args: [{ entities: ['customers'] }] },
      { channel: `${EVENT_PREFIX}menu.command`, args: [{ command: 'new-sale' }] },
    ]);
  });

  it('strips keys the contract does not know', () => {
    const target = new RecordingTarget();
    emit(target, 'data.changed', { entities: ['sales'], secret: 'x' } as EventPayload<'data.changed'>);
    expect(target.sent[0]?.args).toEqual([{ entities: ['sales'] }]);
  });

  it('throws on a payload or event outside the contract', () => {
    const target = new RecordingTarget();
    expect(() => emit(target, 'data.changed', { entities: ['passwords'] } as never)).toThrow();
    expect(() => emit(target, 'menu.command', {} as never)).toThrow();
    expect(() => emit(target, 'toString' as EventName, {} as never)).toThrow(/Unknown event/);
    expect(() => emit(target, 'app.quit' as EventName, {} as never)).toThrow(/Unknown event/);
    expect(target.sent).toEqual([]);
  });

  it('skips a destroyed target', () => {
    const target = new RecordingTarget();
    target.destroyed = true;
    expect(emit(target, 'data.changed', { entities: [] })).toBe(false);
    expect(target.sent).toEqual([]);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHandlers } from '../../src-main/ipc/assemble';
import { dispatch } from '../../src-main/ipc/register';
import type { Store } from '../../src-main/db/connection';
import type { DB } from '../../src-main/db/schema';
import { api, CHANNELS, events, type Channel, type EventName } from '../../src-main/shared/api';
import { command, ENTITIES, type Entity } from '../../src-main/shared/operations';
import { catalogOps } from '../../src-main/features/catalog/contract';
import { careOps } from '../../src-main/features/care/contract';
import { customersOps } from '../../src-main/features/customers/contract';
import { exchangeOps } from '../../src-main/features/exchange/contract';
import { backupsOps } from '../../src-main/features/backups/contract';
import { goalsOps } from '../../src-main/features/goals/contract/api';
import { techniquesOps } from '../../src-main/features/techniques/contract';
import { journalOps } from '../../src-main/features/journal/contract';
import { searchOps } from '../../src-main/features/search/contract';
import { experimentsOps } from '../../src-main/features/experiments/contract';
import { libraryOps } from '../../src-main/features/library/contract';
import { homeOps } from '../../src-main/features/home/contract';
import { coachOps } from '../../src-main/features/coach/contract';
import { trainingOps } from '../../src-main/features/training/contract';
import { reportsOps } from '../../src-main/features/reports/contract';
import { importOps } from '../../src-main/features/imports/contract';
import { metricsOps } from '../../src-main/features/metrics/contract';
import { onboardingOps } from '../../src-main/features/onboarding/contract';
import { salesOps } from '../../src-main/features/sales/contract';
import { settingsOps } from '../../src-main/features/settings/contract';
import { FIXED_NOW, freshStore, type TestStore } from '../helpers/store';

describe('the contract', () => {
  it('gives every command at least one entity, each once, and every query none', () => {
    for (const channel of CHANNELS) {
      const { kind, writes } = api[channel];
      if (kind === 'query') expect(writes, channel).toEqual([]);
      else {
        expect(kind, channel).toBe('command');
        expect(writes.length, channel).toBeGreaterThan(0);
        expect(new Set(writes).size, channel).toBe(writes.length);
        for (const entity of writes) expect(ENTITIES, channel).toContain(entity);
      }
    }
  });

  it('refuses a command that writes nothing, in the types and at runtime', () => {
    // @ts-expect-error -- `writes` is a non-empty tuple: a command that writes nothing is a query.
    expect(() => command(z.object({}), z.object({}), { writes: [] })).toThrow(/at least one entity/);
  });

  it('is exactly the features’ operations, none declared twice', () => {
    const features = [
      settingsOps,
      onboardingOps,
      customersOps,
      catalogOps,
      salesOps,
      metricsOps,
      exchangeOps,
      backupsOps,
      importOps,
      careOps,
      goalsOps,
      techniquesOps,
      journalOps,
      searchOps,
      experimentsOps,
      libraryOps,
      trainingOps,
      reportsOps,
      homeOps,
      coachOps,
    ].flatMap((ops) => Object.keys(ops));
    expect(new Set(features).size).toBe(features.length);
    expect(['app.info', 'app.firstScreenShown', ...features].sort()).toEqual([...CHANNELS].sort());
  });

  it('names in data.changed exactly the entities commands can declare', () => {
    expect(events['data.changed'].safeParse({ entities: [...ENTITIES] }).success).toBe(true);
    expect(events['data.changed'].safeParse({ entities: ['import_batches'] }).success).toBe(false);
  });
});

/**
 * The tables holding each entity's records. Bookkeeping no screen shows (import batches and
 * mappings, notices already given, the calendar export's ledger, recorded period results
 * and nudges) belongs to none.
 */
const TABLES: Record<Entity, readonly (keyof DB)[]> = {
  customers: ['customers'],
  sales: ['sales', 'sale_techniques'],
  products: ['products'],
  techniques: ['techniques', 'technique_merges'],
  settings: ['settings'],
  care: ['interactions', 'check_ins', 'complaints', 'cadence_rules', 'contact_rules', 'follow_up_snoozes'],
  goals: ['goals', 'goal_filters', 'goal_milestones', 'goal_changes', 'goal_values', 'work_breaks'],
  journal: ['journal_entries', 'journal_entry_techniques'],
  experiments: ['experiments'],
  library: [
    'library_items',
    'library_people',
    'library_highlights',
    'library_takeaways',
    'library_actions',
    'learning_sessions',
  ],
  training: ['training_notes'],
  coach: ['coach_reports', 'coach_notes'],
};

async function snapshot(store: Store): Promise<Record<Entity, string>> {
  const result = {} as Record<Entity, string>;
  for (const entity of ENTITIES) {
    const rows: string[] = [];
    for (const table of TABLES[entity]) {
      // Some tables have no rowid to order by: compare the rows as a sorted set instead.
      const { rows: found } = await sql`SELECT * FROM ${sql.table(table)}`.execute(store.db);
      rows.push(table, ...found.map((row) => JSON.stringify(row)).sort());
    }
    result[entity] = rows.join('\n');
  }
  return result;
}

describe('the data.changed main announces', () => {
  let t: TestStore;
  let emitted: { event: EventName; payload: unknown }[];
  let handlers: ReturnType<typeof createHandlers>;
  beforeEach(async () => {
    t = await freshStore();
    emitted = [];
    handlers = createHandlers(t.store, {
      now: () => FIXED_NOW,
      version: 'test',
      platform: 'test',
      emit: (event, payload) => emitted.push({ event, payload }),
    });
  });
  afterEach(() => t.cleanup());

  const call = async (channel: Channel, input: unknown): Promise<unknown> => {
    const reply = await dispatch(handlers, channel, input, () => undefined);
    if (!reply.ok) throw new Error(`${channel} failed: ${JSON.stringify(reply.error)}`);
    return reply.value;
  };
  const customer = async (): Promise<number> =>
    ((await call('customers.create', { name: 'Ada King', segment: 'SMB' })) as { id: number }).id;

  /**
   * Runs one command and checks that it announced its declared entities, once, and that the
   * records it changed are exactly those: the declaration is neither short nor padded.
   */
  async function expectWrites(channel: Channel, input: unknown): Promise<void> {
    const before = await snapshot(t.store);
    emitted = [];
    await call(channel, input);
    const after = await snapshot(t.store);
    const declared = [...api[channel].writes];
    // Other events (an import's progress) may come too; data.changed comes once.
    const changes = emitted.filter((e) => e.event === 'data.changed');
    expect(changes).toEqual([{ event: 'data.changed', payload: { entities: declared } }]);
    expect(ENTITIES.filter((entity) => before[entity] !== after[entity]).sort()).toEqual(declared.sort());
  }

  it('settings.update', () => expectWrites('settings.update', { theme: 'dark' }));

  it("coach.note, a coach's note on a seller", () => expectWrites('coach.note', { seller: 'Sara', text: 'Good.' }));

  it('onboarding.start with the sample, which fills every kind of record', () =>
    expectWrites('onboarding.start', { mode: 'sample' }));

  it('sales.create of a won sale for a new customer, added with it, which schedules its check-ins', async () => {
    await expectWrites('sales.create', {
      title: 'Renewal',
      newCustomer: { name: 'Nora Conti', email: 'nora@conti.example' },
      amountMinor: 120000,
      currency: 'EUR',
      status: 'won',
      openedOn: '2026-06-01',
      closedOn: '2026-06-10',
    });
  });

  it('customers.update', async () => {
    const id = await customer();
    await expectWrites('customers.update', { id, customer: { name: 'Ada King', segment: 'Enterprise' } });
  });

  it('goals.create', () =>
    expectWrites('goals.create', {
      title: 'Cold calls',
      metric: 'custom',
      customName: 'calls',
      target: 100,
      period: { kind: 'fixed', from: '2026-06-01', to: '2026-06-30' },
    }));

  it('care.interactions.create', async () => {
    const customerId = await customer();
    await expectWrites('care.interactions.create', {
      customerId,
      kind: 'call',
      occurredOn: '2026-06-14',
      summary: 'Asked about the renewal',
    });
  });

  it('import.run of sales naming a new customer, product and technique', async () => {
    const file = join(t.dir, 'sales.csv');
    writeFileSync(file, 'Date,Customer,Product,Technique,Amount,Status\n2026-06-10,Bo Lind,Widget,Demo,10.00,won\n');
    await expectWrites('import.run', { path: file, kind: 'sales' });
  });

  it('nothing for a query, nor for a command that fails', async () => {
    await call('customers.list', {});
    expect(
      (await dispatch(handlers, 'customers.update', { id: 999, customer: { name: 'X' } }, () => undefined)).ok,
    ).toBe(false);
    expect(emitted).toEqual([]);
  });
});

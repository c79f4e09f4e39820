import { describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src-main/db/schema';
import { ExperimentConclusion, ExperimentInput } from '../../src-main/features/experiments/contract';
import { probabilityBetter } from '../../src-main/shared/statistics';
import { storeForEachTest } from '../helpers/store';

// The test clock says 2026-06-15 (helpers/store.ts FIXED_NOW).
const t = storeForEachTest();
const AT = '2026-01-01T00:00:00.000Z';

/**
 * Feel-felt-found (F) and deals without it, around an experiment that starts on 2026-05-01:
 * F closed 04-28 (before), 05-03 won, 05-10 lost (Bob, Wholesale), 05-20 won, 06-01 won;
 * F open since 05-12. Without it: 05-05 won, 05-15 lost, 05-25 lost, 06-02 lost.
 */
async function book(db: Kysely<DB>) {
  const customer = async (name: string, segment: string) =>
    (
      await db
        .insertInto('customers')
        .values({ name, name_key: name.toLowerCase(), segment, tags: '[]', created_at: AT, updated_at: AT })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const ann = await customer('Ann', 'Retail');
  const bob = await customer('Bob', 'Wholesale');
  const technique = async (name: string, retired = false) =>
    (
      await db
        .insertInto('techniques')
        .values({ name, description: 'Empathy first', created_at: AT, retired_at: retired ? AT : null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const fff = await technique('Feel-felt-found');
  const retired = await technique('Fax blast', true);
  const sale = async (customerId: number, status: 'won' | 'lost' | 'open', on: string, withIt: boolean) => {
    const id = (
      await db
        .insertInto('sales')
        .values({
          title: 'Deal',
          customer_id: customerId,
          product_id: null,
          amount_minor: 50_000,
          currency: 'EUR',
          status,
          opened_on: status === 'open' ? on : '2026-04-01',
          closed_on: status === 'open' ? null : on,
          satisfaction: null,
          nps: null,
          created_at: AT,
          updated_at: AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    if (withIt) await db.insertInto('sale_techniques').values({ sale_id: id, technique_id: fff }).execute();
  };
  await sale(ann, 'won', '2026-04-28', true);
  await sale(ann, 'won', '2026-05-03', true);
  await sale(bob, 'lost', '2026-05-10', true);
  await sale(ann, 'won', '2026-05-20', true);
  await sale(ann, 'won', '2026-06-01', true);
  await sale(ann, 'open', '2026-05-12', true);
  await sale(ann, 'won', '2026-05-05', false);
  await sale(bob, 'lost', '2026-05-15', false);
  await sale(ann, 'lost', '2026-05-25', false);
  await sale(ann, 'lost', '2026-06-02', false);
  return { fff, retired };
}

const create = (input: Record<string, unknown>) => t.handlers['experiments.create'](ExperimentInput.parse(input));
const conclude = (input: Record<string, unknown>) =>
  t.handlers['experiments.conclude'](ExperimentConclusion.parse(input));
const count = async (table: 'experiments' | 'journal_entries' | 'journal_entry_techniques') =>
  Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.store.db)).rows[0]!.n);

describe('experiments', () => {
  it('stops after N closed deals: counts them against the deals without it in the same days', async () => {
    const { fff } = await book(t.store.db);
    const done = await create({
      techniqueId: fff,
      hypothesis: 'Objections soften if I agree first',
      startedOn: '2026-05-01',
      stop: { kind: 'deals', deals: 3 },
    });
    // The 3rd closed on 05-20: that is the last day counted, on both sides.
    expect(done).toMatchObject({
      technique: { id: fff, name: 'Feel-felt-found', description: 'Empathy first' },
      status: 'complete',
      through: '2026-05-20',
      progress: { deals: 3, target: 3, daysLeft: null, fraction: 1 },
      result: { used: 3, won: 2, open: 1, baselineUsed: 2, baselineWon: 1, baselineWinRate: 0.5, enoughData: false },
      segment: null,
      endedOn: null,
      conclusionEntryId: null,
    });
    expect(done.result.winRate).toBeCloseTo(2 / 3, 12);
    expect(done.result.probBetter).toBeCloseTo(probabilityBetter(2, 3, 1, 2), 12);
    expect(done.result.interval!.low).toBeCloseTo(0.207659601, 8); // Wilson 2 of 3

    const running = await create({
      techniqueId: fff,
      hypothesis: 'Same, longer',
      startedOn: '2026-05-01',
      stop: { kind: 'deals', deals: 5 },
    });
    // Four so far (05-03, 05-10, 05-20, 06-01), counted through today.
    expect(running).toMatchObject({
      status: 'running',
      through: '2026-06-15',
      progress: { deals: 4, target: 5, fraction: 0.8 },
      result: { used: 4, won: 3, baselineUsed: 4, baselineWon: 1 },
    });

    const retail = await create({
      techniqueId: fff,
      hypothesis: 'Retail only',
      startedOn: '2026-05-01',
      stop: { kind: 'deals', deals: 3 },
      segment: 'Retail',
    });
    // Bob's 05-10 loss is Wholesale: Retail's 3rd is 06-01; without it, Ann's 05-05, 05-25.
    expect(retail).toMatchObject({
      status: 'complete',
      through: '2026-06-01',
      segment: 'Retail',
      result: { used: 3, won: 3, baselineUsed: 2, baselineWon: 1 },
    });
  });

  it('stops on a date: running with days left, complete once the day has passed', async () => {
    const { fff } = await book(t.store.db);
    const june = await create({
      techniqueId: fff,
      hypothesis: 'June',
      startedOn: '2026-06-01',
      stop: { kind: 'date', on: '2026-06-30' },
    });
    // 15 of 30 days gone, 16 to go counting today; one F deal (06-01) against one without (06-02).
    expect(june).toMatchObject({
      status: 'running',
      through: '2026-06-15',
      progress: { deals: 1, target: null, daysLeft: 16, fraction: 0.5 },
      result: { used: 1, won: 1, baselineUsed: 1, baselineWon: 0 },
    });
    const firstHalf = await create({
      techniqueId: fff,
      hypothesis: 'First half of May',
      startedOn: '2026-05-01',
      stop: { kind: 'date', on: '2026-05-15' },
    });
    expect(firstHalf).toMatchObject({
      status: 'complete',
      through: '2026-05-15',
      progress: { deals: 2, daysLeft: 0, fraction: 1 },
      result: { used: 2, won: 1, baselineUsed: 2, baselineWon: 1 },
    });
    expect(firstHalf.result.probBetter).toBeCloseTo(0.5, 12);

    // Running first, then the rest newest first.
    const older = await create({
      techniqueId: fff,
      hypothesis: 'April',
      startedOn: '2026-04-01',
      stop: { kind: 'date', on: '2026-04-30' },
    });
    const list = await t.handlers['experiments.list']({});
    expect(list.map((e) => e.id)).toEqual([june.id, firstHalf.id, older.id]);
    expect(await t.handlers['experiments.get']({ id: older.id })).toEqual(older);
  });

  it('concludes into a journal entry in the seller’s language, once', async () => {
    const { fff } = await book(t.store.db);
    await t.handlers['settings.update']({ language: 'it' });
    const e = await create({
      techniqueId: fff,
      hypothesis: 'Le obiezioni si ammorbidiscono',
      startedOn: '2026-05-01',
      stop: { kind: 'deals', deals: 3 },
    });
    const { experiment, entryId } = await conclude({
      id: e.id,
      outcome: 'worked',
      learned: 'Agreeing first lowers the temperature.',
      nextTime: 'Use it on price objections too.',
      endedOn: '2026-06-10',
    });
    expect(experiment).toMatchObject({
      status: 'concluded',
      endedOn: '2026-06-10',
      conclusionEntryId: entryId,
      through: '2026-05-20',
    });
    const entry = await t.store.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      entry_date: '2026-06-10',
      title: 'Esperimento: Feel-felt-found',
      situation: 'Le obiezioni si ammorbidiscono',
      outcome: 'worked',
      learned: 'Agreeing first lowers the temperature.',
      next_time: 'Use it on price objections too.',
      tags: '["esperimento"]',
    });
    expect(entry.body).toContain('**Ipotesi:** Le obiezioni si ammorbidiscono');
    expect(entry.body).toContain('Feel-felt-found: finora 2 vinte su 3');
    expect(entry.body).toContain('Dal 2026-05-01 al 2026-05-20');
    const links = await t.store.db.selectFrom('journal_entry_techniques').selectAll().execute();
    expect(links).toEqual([{ entry_id: entryId, technique_id: fff }]);

    // Twice: a conflict, and nothing more written.
    await expect(conclude({ id: e.id, learned: 'Again', endedOn: '2026-06-11' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'experiments.failures.alreadyConcluded',
    });
    expect(await count('journal_entries')).toBe(1);
  });

  it('freezes a concluded experiment’s figures on its end day', async () => {
    const { fff } = await book(t.store.db);
    const e = await create({
      techniqueId: fff,
      hypothesis: 'Open-ended',
      startedOn: '2026-05-01',
      stop: { kind: 'deals', deals: 10 },
    });
    expect(e.result.used).toBe(4);
    const { experiment } = await conclude({ id: e.id, learned: 'Enough for now', endedOn: '2026-05-12' });
    // Stopped early on 05-12: only 05-03 and 05-10 count; still short of its 10 deals.
    expect(experiment).toMatchObject({
      status: 'concluded',
      through: '2026-05-12',
      progress: { deals: 2, fraction: 0.2 },
      result: { used: 2, won: 1, baselineUsed: 1, baselineWon: 1 },
    });
  });

  it('writes the entry and the conclusion together or not at all', async () => {
    const { fff } = await book(t.store.db);
    const e = await create({ techniqueId: fff, hypothesis: 'H', startedOn: '2026-05-01', stop: { kind: 'deals', deals: 3 } }); // prettier-ignore
    // The experiment's update fails after the entry was inserted in the same transaction.
    await sql`CREATE TRIGGER refuse BEFORE UPDATE ON experiments BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(
      t.store.db,
    );
    await expect(conclude({ id: e.id, learned: 'L', endedOn: '2026-06-01' })).rejects.toThrow(/refused/);
    expect(await count('journal_entries')).toBe(0);
    expect(await count('journal_entry_techniques')).toBe(0);
    await sql`DROP TRIGGER refuse`.execute(t.store.db);
    expect((await t.handlers['experiments.get']({ id: e.id })).status).toBe('complete');
  });

  it('refuses bad input by field and writes nothing', async () => {
    const { fff, retired } = await book(t.store.db);
    const base = { hypothesis: 'H', startedOn: '2026-05-01', stop: { kind: 'deals', deals: 3 } };
    await expect(create({ ...base, techniqueId: 999 })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'techniqueId', message: 'errors.unknownTechnique' }],
    });
    await expect(create({ ...base, techniqueId: retired })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'techniqueId', message: 'experiments.errors.retiredTechnique' }],
    });
    const parse = (input: Record<string, unknown>) =>
      ExperimentInput.safeParse({ ...base, techniqueId: fff, ...input });
    expect(parse({ hypothesis: '  ' }).error?.issues[0]).toMatchObject({ path: ['hypothesis'] });
    expect(parse({ stop: { kind: 'deals', deals: 0 } }).error?.issues[0]).toMatchObject({
      path: ['stop', 'deals'],
      message: 'experiments.errors.deals',
    });
    expect(parse({ stop: { kind: 'date', on: '2026-04-30' } }).error?.issues[0]).toMatchObject({
      path: ['stop', 'on'],
      message: 'experiments.errors.stopBeforeStart',
    });
    expect(await count('experiments')).toBe(0);

    const e = await create({ ...base, techniqueId: fff });
    await expect(conclude({ id: e.id, learned: 'L', endedOn: '2026-04-30' })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'endedOn', message: 'experiments.errors.endBeforeStart' }],
    });
    await expect(conclude({ id: e.id, learned: 'L', endedOn: '2026-06-16' })).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'endedOn', message: 'errors.futureDate' }],
    });
    expect(ExperimentConclusion.safeParse({ id: e.id, learned: '', endedOn: '2026-06-01' }).success).toBe(false);
    expect(await count('journal_entries')).toBe(0);
    expect((await t.handlers['experiments.get']({ id: e.id })).endedOn).toBeNull();
  });

  it('deletes, and says which experiment does not exist', async () => {
    const { fff } = await book(t.store.db);
    const e = await create({ techniqueId: fff, hypothesis: 'H', startedOn: '2026-05-01', stop: { kind: 'deals', deals: 3 } }); // prettier-ignore
    expect(await t.handlers['experiments.delete']({ id: e.id })).toEqual({ id: e.id });
    expect(await count('experiments')).toBe(0);
    for (const attempt of [
      t.handlers['experiments.get']({ id: e.id }),
      t.handlers['experiments.delete']({ id: e.id }),
      conclude({ id: e.id, learned: 'L', endedOn: '2026-06-01' }),
    ])
      await expect(attempt).rejects.toMatchObject({
        code: 'not_found',
        message: 'experiments.failures.notFound',
        values: { id: e.id },
      });
  });
});

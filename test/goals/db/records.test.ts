import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderDialogs } from '../../../src-main/features/exchange/dialogs';
import { FIXED_NOW, testHandlers } from '../../helpers/store';
import { callerForEachTest, count, june, seed } from './helpers';

/** What a seller records on goals: custom values (by hand or CSV), milestone ticks, edits, archiving. */
const { t, call } = callerForEachTest();

const calls = june({ metric: 'custom', customName: 'cold calls', target: 100 });
const tables = ['goals', 'goal_filters', 'goal_milestones', 'goal_changes', 'goal_values'];
const counts = (): number[] => tables.map((table) => count(t, table));

describe('custom values', () => {
  it('logs, lists newest first and deletes values, and refuses what cannot be a point of the goal', async () => {
    const { id } = await call('goals.create', calls);
    const a = await call('goals.values.log', { goalId: id, date: '2026-06-01', value: 12, note: 'Morning block' });
    await call('goals.values.log', { goalId: id, date: '2026-06-03', value: 8 });
    expect(a).toMatchObject({ goalId: id, date: '2026-06-01', value: 12, note: 'Morning block' });
    expect((await call('goals.values.list', { goalId: id })).items.map((v) => v.value)).toEqual([8, 12]);
    expect(await call('goals.values.delete', { id: a.id })).toEqual({ id: a.id });
    expect((await call('goals.values.list', { goalId: id })).total).toBe(1);
    await expect(call('goals.values.delete', { id: a.id })).rejects.toMatchObject({ code: 'not_found' });

    await expect(call('goals.values.log', { goalId: id, date: '2026-06-16', value: 1 })).rejects.toMatchObject({
      issues: [{ path: 'date', message: 'errors.futureDate' }],
    });
    const counted = await call('goals.create', { ...calls, aggregation: 'count' });
    await expect(
      call('goals.values.log', { goalId: counted.id, date: '2026-06-01', value: 2.5 }),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'value' }] });
    const revenue = await call('goals.create', june({ metric: 'revenue', target: 100 }));
    await expect(call('goals.values.log', { goalId: revenue.id, date: '2026-06-01', value: 1 })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(count(t, 'goal_values')).toBe(1);
  });

  it('imports date,value CSVs all or nothing, and the same file twice adds nothing', async () => {
    const { id } = await call('goals.create', calls);
    const file = join(t.dir, 'calls.csv');
    // Excel in Italy: semicolons, day-first dates, decimal commas, a header row.
    writeFileSync(file, 'Data;Chiamate;Nota\n13/06/2026;12;mattina\n01/06/2026;3,5;\n02/06/2026;1.234,5;"a; b"\n');
    const dry = await call('goals.values.import', { goalId: id, path: file, dryRun: true });
    expect(dry).toMatchObject({
      inserted: 3,
      duplicates: 0,
      errors: [],
      dateFormat: 'dd/MM/yyyy',
      delimiter: ';',
      decimal: ',',
    });
    expect(count(t, 'goal_values')).toBe(0);
    expect(await call('goals.values.import', { goalId: id, path: file })).toMatchObject({ inserted: 3, dryRun: false });
    const values = (await call('goals.values.list', { goalId: id })).items;
    expect(values.map((v) => [v.date, v.value, v.note])).toEqual([
      ['2026-06-13', 12, 'mattina'],
      ['2026-06-02', 1234.5, 'a; b'],
      ['2026-06-01', 3.5, null],
    ]);
    expect(await call('goals.values.import', { goalId: id, path: file })).toMatchObject({ inserted: 0, duplicates: 3 });
    expect((await call('goals.get', { id })).pace.actual).toBe(1250);

    // No header, ISO dates; one bad row of each kind: nothing is written, every line is named.
    writeFileSync(file, '2026-06-04,5\n2026-13-01,5\n2026-06-05,five\n2026-07-01,5\n2026-06-06,5,note,extra\n');
    const bad = await call('goals.values.import', { goalId: id, path: file });
    expect(bad.inserted).toBe(0);
    expect(bad.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(bad.errors[2]!.message).toContain('has not come yet');
    expect(count(t, 'goal_values')).toBe(3);

    // 03/04 reads two ways: the format must be chosen.
    writeFileSync(file, '03/04/2026,5\n04/05/2026,6\n');
    await expect(call('goals.values.import', { goalId: id, path: file })).rejects.toThrow(
      /read both as dd\/MM\/yyyy and as MM\/dd\/yyyy \("03\/04\/2026" is 2026-04-03 or 2026-03-04\)/,
    );
    expect(
      await call('goals.values.import', { goalId: id, path: file, dateFormat: 'MM/dd/yyyy', dryRun: true }),
    ).toMatchObject({ inserted: 2, dateFormat: 'MM/dd/yyyy' });
  });

  it('reads only a file the user picked for import when a renderer calls', async () => {
    const files = join(t.dir, 'files');
    const handlers = testHandlers(t.store, { exchange: { dialogs: folderDialogs(files, () => FIXED_NOW) } });
    const { id } = await call('goals.create', calls);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(files, { recursive: true });
    const file = join(files, 'values.csv');
    writeFileSync(file, '2026-06-01,4\n');
    const input = { goalId: id, path: file, dryRun: false };
    await expect(handlers['goals.values.import'](input)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await handlers['dialog.openFile']({ purpose: 'import' })).path).toBe(file);
    expect(await handlers['goals.values.import'](input)).toMatchObject({ inserted: 1 });
    await expect(handlers['goals.values.import']({ ...input, path: t.file })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});

describe('milestones', () => {
  it('reaches target milestones by the data, and ticks checklist steps by hand', async () => {
    const goal = await call('goals.create', {
      ...calls,
      milestones: [
        { kind: 'step', title: 'Build the call list', date: '2026-06-03' },
        { kind: 'target', title: 'First twenty', date: '2026-06-05', target: 20 },
        { kind: 'target', title: 'Fifty, confirmed by the team', date: '2026-06-20', target: 50, auto: false },
      ],
    });
    await call('goals.values.log', { goalId: goal.id, date: '2026-06-01', value: 12 });
    await call('goals.values.log', { goalId: goal.id, date: '2026-06-04', value: 10 });
    const [step, auto, manual] = (await call('goals.get', { id: goal.id })).milestones;
    expect(step).toMatchObject({ reached: false, overdue: true, auto: false });
    expect(auto).toMatchObject({ reached: true, reachedOn: '2026-06-04', auto: true });
    expect(manual).toMatchObject({ reached: false, overdue: false });

    expect(await call('goals.milestones.tick', { id: step!.id, done: true, on: '2026-06-02' })).toMatchObject({
      id: step!.id,
      reached: true,
      reachedOn: '2026-06-02',
      overdue: false,
    });
    expect(await call('goals.milestones.tick', { id: manual!.id, done: true })).toMatchObject({
      reachedOn: '2026-06-15',
    });
    expect(await call('goals.milestones.tick', { id: manual!.id, done: false })).toMatchObject({ reached: false });
    await expect(call('goals.milestones.tick', { id: auto!.id, done: true })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(call('goals.milestones.tick', { id: step!.id, done: true, on: '2026-07-01' })).rejects.toMatchObject({
      code: 'invalid_input',
    });

    // Editing keeps a named milestone and its tick, drops the one left out, adds the new one.
    await call('goals.update', {
      id: goal.id,
      goal: {
        ...calls,
        milestones: [
          { id: step!.id, kind: 'step', title: 'Build the call list (CRM)', date: '2026-06-03' },
          { kind: 'step', title: 'Review', date: '2026-06-30' },
        ],
      },
    });
    expect((await call('goals.get', { id: goal.id })).milestones.map((m) => [m.title, m.reachedOn])).toEqual([
      ['Build the call list (CRM)', '2026-06-02'],
      ['Review', null],
    ]);
  });
});

describe('editing and archiving', () => {
  it('keeps what a goal measures once it has begun; a refused edit writes nothing', async () => {
    seed(t).product(1, 'Workshop');
    const goal = await call(
      'goals.create',
      june({ metric: 'revenue', target: 100000, milestones: [{ kind: 'step', title: 'Plan', date: '2026-06-02' }] }),
    );
    const before = counts();
    const refused = async (change: object, path: string): Promise<void> => {
      await expect(
        call('goals.update', { id: goal.id, goal: { ...june({ metric: 'revenue', target: 200000 }), ...change } }),
      ).rejects.toMatchObject({
        code: 'invalid_input',
        issues: expect.arrayContaining([expect.objectContaining({ path })]),
      });
      expect(counts()).toEqual(before);
    };
    await refused({ metric: 'deals_won', target: 5 }, 'metric');
    await refused({ direction: 'at_most' }, 'direction');
    await refused({ period: { kind: 'fixed', from: '2026-06-02', to: '2026-06-30' } }, 'period.from');
    await refused({ period: { kind: 'recurring', every: 'monthly', since: '2026-06-01' } }, 'period.kind');
    await refused({ filters: { productIds: [1] } }, 'filters');
    await refused({ milestones: [{ id: 999, kind: 'step', title: 'Plan', date: '2026-06-02' }] }, 'milestones.0.id');
    expect((await call('goals.get', { id: goal.id })).goal.target).toBe(100000);

    // Before it begins, a goal may still move and change what it counts.
    const july = {
      ...june({ metric: 'revenue', target: 100000 }),
      period: { kind: 'fixed', from: '2026-07-01', to: '2026-07-31' },
    } as const;
    const later = await call('goals.create', july);
    const moved = await call('goals.update', {
      id: later.id,
      goal: { ...july, period: { kind: 'fixed', from: '2026-07-06', to: '2026-07-31' }, filters: { productIds: [1] } },
    });
    expect(moved).toMatchObject({ period: { from: '2026-07-06' }, filters: { productIds: [1] } });
  });

  it('refuses bad definitions with the field to fix', async () => {
    const before = counts();
    await expect(call('goals.create', june({ metric: 'revenue', target: 100.5 }))).rejects.toThrow();
    await expect(
      call('goals.create', {
        ...june({ metric: 'deals_won', target: 3 }),
        period: { kind: 'fixed', from: '2026-06-06', to: '2026-06-07' },
      }),
    ).rejects.toMatchObject({ issues: [{ path: 'period.to' }] }); // a weekend has no working day
    await expect(
      call('goals.create', { ...june({ metric: 'nps', target: 20 }), category: 'volume' }),
    ).rejects.toMatchObject({
      issues: [{ path: 'category' }],
    });
    expect(counts()).toEqual(before);
  });

  it('archives and restores, and the list shows what was asked for', async () => {
    const a = await call('goals.create', june({ metric: 'deals_won', target: 5 }));
    const b = await call('goals.create', june({ metric: 'interactions', target: 5 }));
    expect(await call('goals.archive', { id: a.id, archived: true })).toMatchObject({ archived: true });
    const ids = async (query: object): Promise<number[]> =>
      (await call('goals.list', query)).items.map((i) => i.goal.id);
    expect(await ids({})).toEqual([b.id]);
    expect(await ids({ archived: 'archived' })).toEqual([a.id]);
    expect(await ids({ archived: 'all', metric: 'deals_won' })).toEqual([a.id]);
    expect(await ids({ category: 'loyalty' })).toEqual([b.id]);
    expect(await ids({ status: ['behind', 'at_risk'] })).toEqual([b.id]);
    await call('goals.archive', { id: a.id, archived: false });
    expect(await ids({})).toEqual([a.id, b.id]);
    await expect(call('goals.archive', { id: 999, archived: true })).rejects.toMatchObject({ code: 'not_found' });
  });
});

import { describe, expect, it } from 'vitest';
import { all, generateSample, one } from '../helpers/sample';
import { storesPerTest } from '../helpers/store';

const store = storesPerTest();

describe('sample experiments', () => {
  it('has one concluded experiment with its journal entry and one running, in the chosen language', async () => {
    const t = await store();
    await generateSample(t, { sales: 600, language: 'it' });
    const list = await t.handlers['experiments.list']({});
    expect(list.map((e) => [e.technique.name, e.status])).toEqual([
      ['Prova gratuita', 'running'],
      ['Demo personalizzata', 'concluded'],
    ]);
    const [running, done] = list;
    // The sample ends 2026-06-30; the test clock says 2026-06-15.
    expect(running).toMatchObject({ startedOn: '2026-06-16', stop: { kind: 'date', on: '2026-07-13' } });
    expect(running!.hypothesis).toMatch(/^Offrire la prova/);
    expect(done).toMatchObject({
      startedOn: '2026-01-01',
      stop: { kind: 'date', on: '2026-04-01' },
      endedOn: '2026-04-04',
    });
    expect(done!.result.used).toBeGreaterThan(0);
    expect(done!.result.baselineUsed).toBeGreaterThan(0);
    const entry = all(t, `SELECT * FROM journal_entries WHERE id = ${done!.conclusionEntryId}`)[0]!;
    expect(entry).toMatchObject({
      title: 'Esperimento: Demo personalizzata',
      outcome: 'worked',
      entry_date: '2026-04-04',
    });
    expect(entry.learned).toMatch(/^Vale l’ora/);
    expect(one(t, `SELECT count(*) FROM journal_entry_techniques WHERE entry_id = ${done!.conclusionEntryId}`)).toBe(1);
  });

  it('speaks English by default', async () => {
    const t = await store();
    await generateSample(t, { sales: 300 });
    const hypotheses = (await t.handlers['experiments.list']({})).map((e) => e.hypothesis);
    expect(hypotheses).toEqual([
      'Offering the trial only after a call about their needs converts better',
      "A demo built on the prospect's own data wins more often than the standard one",
    ]);
  });
});

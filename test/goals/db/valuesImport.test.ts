import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueText } from '../../../src-main/features/imports/issues';
import { callerForEachTest, count, june } from './helpers';

/** Goal values go through the one import pipeline: its reading, keyed problems and transaction. */
const { t, call } = callerForEachTest();

const calls = june({ metric: 'custom', customName: 'cold calls', target: 100, aggregation: 'count' });

describe('goal values as an importer', () => {
  it('reports each problem as a key and values, worded in Italian for an Italian user', async () => {
    const { id } = await call('goals.create', calls);
    const file = join(t.dir, 'chiamate.csv');
    writeFileSync(file, 'Data;Chiamate;Nota\n01/06/2026;2,5;\n20/06/2026;3;\n02/06/2026;tre;\n03/06/2026;4;a;b\n');
    const result = await call('goals.values.import', { goalId: id, path: file });
    expect(result.inserted).toBe(0);
    expect(result.errors).toMatchObject([
      { line: 2, field: 'value', column: 'Chiamate', key: 'errors.wholeNumber', values: { got: '2,5' } },
      { line: 3, field: 'date', column: 'Data', key: 'notYet', values: { got: '20/06/2026' } },
      { line: 4, field: 'value', key: 'notValue', values: { decimal: ',', got: 'tre' } },
      { line: 5, field: '', key: 'valueColumns', values: { n: 4 } },
    ]);
    expect(result.errors.map((e) => issueText(e, 'it'))).toEqual([
      'Inserisci un numero intero (letto “2,5”)',
      'è un giorno che non è ancora arrivato (letto “20/06/2026”)',
      'non è un numero scritto con “,” per i decimali (letto “tre”)',
      'attesi una data, un valore e una nota facoltativa, trovate 4 colonne',
    ]);
    expect(result.errors[1]!.message).toBe('is a day that has not come yet (got “20/06/2026”)');
    expect(count(t, 'goal_values')).toBe(0);
  });

  it('a row already logged is a duplicate: the same file twice adds nothing', async () => {
    const { id } = await call('goals.create', calls);
    await call('goals.values.log', { goalId: id, date: '2026-06-02', value: 4 });
    const file = join(t.dir, 'calls.csv');
    writeFileSync(file, '2026-06-01,3\n2026-06-02,4\n2026-06-03,4\n2026-06-03,4\n');
    expect(await call('goals.values.import', { goalId: id, path: file })).toMatchObject({
      inserted: 3,
      duplicates: 1,
      errors: [],
      dateFormat: 'yyyy-MM-dd',
    });
    expect(await call('goals.values.import', { goalId: id, path: file })).toMatchObject({ inserted: 0, duplicates: 4 });
    expect(count(t, 'goal_values')).toBe(4);
  });

  it('file-level problems are keyed too, and reach an Italian user in Italian', async () => {
    const { id } = await call('goals.create', calls);
    const file = join(t.dir, 'vuoto.csv');
    writeFileSync(file, '');
    await expect(call('goals.values.import', { goalId: id, path: file })).rejects.toThrow(
      'vuoto.csv is empty: there is nothing to import.',
    );
    await call('settings.update', { language: 'it' });
    await expect(call('goals.values.import', { goalId: id, path: file })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'vuoto.csv è vuoto: non c’è niente da importare.',
      problems: [{ key: 'empty', values: { name: 'vuoto.csv' } }],
    });
    writeFileSync(file, '03/04/2026,5\n04/05/2026,6\n');
    await expect(call('goals.values.import', { goalId: id, path: file })).rejects.toThrow(
      /Le date nella colonna «1» si leggono sia come gg\/MM\/aaaa sia come MM\/gg\/aaaa/,
    );
  });
});

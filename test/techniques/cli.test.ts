import { describe, expect, it } from 'vitest';
import { query, sandboxForAll } from '../cli/helpers';

const box = sandboxForAll();
const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);
const count = (table: string): number => query<{ n: number }>(box.db, `SELECT count(*) AS n FROM ${table}`)[0]!.n;

describe('rapport techniques', () => {
  it('lists an empty catalogue on a new database, then adds, renames, retires and merges by name', () => {
    const empty = rapport('techniques', 'list', '--json');
    expect(empty.code, empty.stderr).toBe(0);
    expect(JSON.parse(empty.stdout)).toEqual([]);
    expect(rapport('techniques', 'list').stdout).toContain('No techniques yet');

    const added = rapport(
      'techniques',
      'add',
      '--name',
      'Spin',
      '--category',
      'discovery',
      '--step',
      'Situation',
      '--step',
      'Problem',
      '--source',
      'Neil Rackham',
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('Added technique 1: Spin.');
    expect(rapport('techniques', 'add', '--name', 'Spin selling', '--json').code).toBe(0);
    const sale = rapport(
      'sales',
      'add',
      '--customer',
      'Ada',
      '--amount',
      '100',
      '--status',
      'won',
      '--date',
      '2026-03-02',
      '--technique',
      'Spin selling',
    );
    expect(sale.code, sale.stderr).toBe(0);
    expect(rapport('journal', 'add', '--title', 'Tried it', '--technique', 'spin', '--date', '2026-03-01').code).toBe(
      0,
    );

    const duplicate = rapport('techniques', 'add', '--name', 'SPIN');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('A technique named “SPIN” already exists.');

    const renamed = rapport('techniques', 'rename', 'spin', 'SPIN questions');
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toContain('Renamed “spin” to “SPIN questions”');
    const merged = rapport('techniques', 'merge', 'Spin selling', 'spin questions');
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('1 sales and 0 journal entries moved');
    const retired = rapport('techniques', 'retire', 'SPIN questions');
    expect(retired.code, retired.stderr).toBe(0);

    const list = rapport('techniques', 'list', '--json');
    expect(JSON.parse(list.stdout)).toEqual([
      {
        id: 1,
        name: 'SPIN questions',
        description: null,
        category: 'discovery',
        steps: ['Situation', 'Problem'],
        source: 'Neil Rackham',
        retired: true,
        starter: null,
        sales: 1,
        entries: 1,
        merged_from: ['Spin selling'],
      },
    ]);
    const table = rapport('techniques', 'list').stdout;
    expect(table).toMatch(/SPIN questions\s+discovery\s+1\s+1\s+retired\s+Spin selling/);
    expect(table).toContain('1 technique');
    expect(rapport('techniques', 'retire', 'SPIN questions', '--undo').stdout).toContain('is active again');
  });

  it('refuses an unknown technique or category with a clear message, changing nothing', () => {
    const before = query(box.db, 'SELECT * FROM techniques ORDER BY id');
    const unknown = rapport('techniques', 'merge', 'Nope', 'SPIN questions');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Nothing was changed:');
    expect(unknown.stderr).toContain('FROM: no technique is called “Nope”');
    const category = rapport('techniques', 'add', '--name', 'X', '--category', 'magic');
    expect(category.code).toBe(1);
    expect(category.stderr).toContain('--category');
    expect(query(box.db, 'SELECT * FROM techniques ORDER BY id')).toEqual(before);
    expect(count('technique_merges')).toBe(1);
  });

  it('speaks Italian when asked', () => {
    const it = rapport('techniques', 'list', '--json');
    expect(it.code).toBe(0);
    const words = box.run(['--db', box.db, 'techniques', 'list'], { RAPPORT_LANG: 'it' }).stdout;
    expect(words).toContain('Categoria');
    expect(words).toContain('1 tecnica');
  });
});

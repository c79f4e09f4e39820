import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src-main/shared/dates';
import { addDays } from '../../src-main/shared/dates';
import { query, sandboxForAll } from './helpers';

/**
 * Learning at the command line: goals on the learning metrics (`rapport goals add --metric
 * items_finished`), and a library item's action items among the follow-ups. The CLI runs on
 * the real clock, so follow-up dates are relative to today.
 */
const box = sandboxForAll();
const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);
const today = localIsoDate(new Date());

/** Rows the library's readers would have written (the notes reader's action items, progress). */
function write(sql: string, ...params: unknown[]): void {
  const db = new Database(box.db);
  try {
    db.pragma('foreign_keys = ON');
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

beforeAll(() => {
  // Creates the database.
  expect(rapport('library', 'list').code).toBe(0);
  write(`INSERT INTO library_items (id, kind, title, title_key, status, finished_on, created_at, updated_at)
         VALUES (1, 'seminar', 'Closing Summit', 'closing summit', 'done', '2026-02-10', 'x', 'x'),
                (2, 'book', 'Pitch', 'pitch', 'done', '2026-03-05', 'x', 'x')`);
  write(
    `INSERT INTO library_actions (item_id, position, text, due_on, created_at)
     VALUES (1, 0, 'Call the three lost customers', ?, 'x'), (1, 1, 'Reread the slides', NULL, 'x')`,
    addDays(today, -2),
  );
  write(`INSERT INTO learning_sessions VALUES (2, '2026-03-02', 45.5, 30), (2, '2026-03-03', 20, 10)`);
});

describe('rapport goals add on a learning metric', () => {
  it('takes items_finished, counts the items finished in the period and says so', () => {
    const added = rapport(
      ...['goals', 'add', '--title', 'Finish 6 books', '--metric', 'items_finished', '--target', '6'],
      ...['--from', '2026-01-01', '--to', '2026-12-31'],
    );
    expect(added.code, added.stderr).toBe(0);
    const shown = rapport('goals', 'show', '1', '--as-of', '2026-03-31', '--json');
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ metric: 'items_finished', target: 6, current: 2 });
    expect(query(box.db, 'SELECT metric, aggregation, category, currency FROM goals WHERE id = 1')).toEqual([
      { metric: 'items_finished', aggregation: 'count', category: 'quality', currency: null },
    ]);
  });

  it('shows minutes as minutes', () => {
    const added = rapport(
      ...['goals', 'add', '--title', 'March study', '--metric', 'learning_minutes', '--target', '90.5'],
      ...['--from', '2026-03-01', '--to', '2026-03-31'],
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('90.5 min');
    const shown = rapport('goals', 'show', '2', '--as-of', '2026-04-01', '--json');
    expect(JSON.parse(shown.stdout)).toMatchObject({ current: 65.5, target: 90.5, status: 'missed' });
  });

  it('lists the learning metrics among the choices when the metric is not one', () => {
    const refused = rapport(
      ...['goals', 'add', '--title', 'x', '--metric', 'books', '--target', '6'],
      ...['--from', '2026-01-01', '--to', '2026-12-31'],
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('items_finished, learning_minutes, pages_read, takeaways_tried');
  });
});

describe('rapport followups and action items', () => {
  it('lists a dated open action item with its item, and ticks it with done', () => {
    const list = rapport('followups', 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      {
        id: 'a1',
        kind: 'action',
        customer: null,
        sale_id: null,
        sale_title: null,
        due_on: addDays(today, -2),
        status: 'open',
        text: 'Call the three lost customers',
        item_id: 1,
        item_title: 'Closing Summit',
      },
    ]);
    const table = rapport('followups', 'list');
    expect(table.stdout).toMatch(/^a1\s.+\s2d\s+action item\s+from “Closing Summit”\s+to do: Call the three/m);

    const done = rapport('followups', 'done', 'a1');
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Action item a1 done: Call the three lost customers');
    expect(query(box.db, 'SELECT done_at IS NOT NULL AS done FROM library_actions ORDER BY id')).toEqual([
      { done: 1 },
      { done: 0 },
    ]);
    expect(JSON.parse(rapport('followups', 'list', '--json').stdout)).toEqual([]);
  });

  it('refuses an outcome for an action item and writes nothing', () => {
    write('UPDATE library_actions SET done_at = NULL WHERE id = 1');
    const refused = rapport('followups', 'done', 'a1', '--outcome', 'Went well');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('An action item is just ticked');
    expect(query(box.db, 'SELECT done_at FROM library_actions WHERE id = 1')).toEqual([{ done_at: null }]);
  });
});

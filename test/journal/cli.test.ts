import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { query, sandboxForAll } from '../cli/helpers';

const box = sandboxForAll();
const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);
const rows = () => ({
  entries: query(box.db, 'SELECT * FROM journal_entries ORDER BY id'),
  links: query(box.db, 'SELECT * FROM journal_entry_techniques ORDER BY 1, 2'),
});

const ENTRY_KEYS = [
  'id',
  'date',
  'title',
  'situation',
  'customer',
  'sale',
  'techniques',
  'action',
  'outcome',
  'learned',
  'next_time',
  'confidence',
  'tags',
  'body',
  'experiment_id',
  'created_at',
  'updated_at',
];

describe('rapport journal', () => {
  it('adds an entry on a new database and prints it with its id', () => {
    const added = rapport('journal', 'add', '--title', 'First note', '--date', '2026-03-01', '--json');
    expect(added.code, added.stderr).toBe(0);
    const entry = JSON.parse(added.stdout);
    expect(Object.keys(entry)).toEqual(ENTRY_KEYS);
    expect(entry).toMatchObject({ id: 1, date: '2026-03-01', title: 'First note', body: '', techniques: [] });
  });

  it('links techniques and a customer by name, reads the body from a file, and takes the outcome', () => {
    for (const args of [
      ['techniques', 'add', '--name', 'SPIN questions'],
      ['techniques', 'add', '--name', 'Trial close'],
      ['sales', 'add', '--customer', 'Acme S.r.l.', '--amount', '500', '--status', 'open', '--date', '2026-03-02'],
    ])
      expect(rapport(...args).code).toBe(0);
    const file = join(box.dir, 'body.md');
    writeFileSync(file, '## Notes\n\n- **they** lose two days a month\n- perché? città!\n');
    const added = rapport(
      'journal',
      'add',
      '--title',
      'Discovery call',
      '--body-file',
      file,
      '--date',
      '2026-03-03',
      '--technique',
      'spin questions',
      '--technique',
      'Trial close',
      '--customer',
      'acme s.r.l.',
      '--outcome',
      'worked',
      '--tag',
      'discovery',
      '--confidence',
      '4',
      '--json',
    );
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      id: 2,
      customer: { name: 'Acme S.r.l.' },
      techniques: [{ name: 'SPIN questions' }, { name: 'Trial close' }],
      outcome: 'worked',
      confidence: 4,
      tags: ['discovery'],
      body: '## Notes\n\n- **they** lose two days a month\n- perché? città!\n',
    });
    // A sale alone brings its customer; the words say what was added.
    const bySale = rapport('journal', 'add', '--title', 'Follow-up', '--sale', '1', '--date', '2026-03-04');
    expect(bySale.code, bySale.stderr).toBe(0);
    expect(bySale.stdout).toContain('Added journal entry 3');
    expect(query(box.db, 'SELECT customer_id FROM journal_entries WHERE id = 3')).toEqual([{ customer_id: 1 }]);
  });

  it('refuses unknown techniques, customers and sales, bad outcomes and oversized bodies, writing nothing', () => {
    const before = rows();
    const unknown = rapport(
      'journal',
      'add',
      '--title',
      'x',
      '--technique',
      'SPIN questions',
      '--technique',
      'Mind reading',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No journal entry was written:');
    expect(unknown.stderr).toContain('--technique: no technique is called “Mind reading”');

    const customer = rapport('journal', 'add', '--title', 'x', '--customer', 'Nobody');
    expect(customer.code).toBe(1);
    expect(customer.stderr).toContain('--customer: no customer is called “Nobody”');

    const sale = rapport('journal', 'add', '--title', 'x', '--sale', '99');
    expect(sale.code).toBe(1);
    expect(sale.stderr).toContain('--sale');

    const outcome = rapport('journal', 'add', '--title', 'x', '--outcome', 'great');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('--outcome: must be one of worked, mixed, didnt, not “great”');

    const title = rapport('journal', 'add', '--title', '   ');
    expect(title.code).toBe(1);
    expect(title.stderr).toContain('--title');

    const big = join(box.dir, 'big.md');
    writeFileSync(big, 'x'.repeat(1_000_001));
    const oversized = rapport('journal', 'add', '--title', 'x', '--body-file', big);
    expect(oversized.code).toBe(1);
    expect(oversized.stderr).toContain('--body-file: The text is too long: at most 1 MB');

    const both = rapport('journal', 'add', '--title', 'x', '--body', 'a', '--body-file', big);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('not both');
    expect(rows()).toEqual(before);
  });

  it('refuses a customer name two customers share', () => {
    // Two customers of one name (the app allows it; the CLI's sales reuse a name): add them directly.
    const sqlite = new Database(box.db);
    sqlite
      .prepare(
        `INSERT INTO customers (name, name_key, email, created_at, updated_at)
         VALUES ('Mario Rossi', 'mario rossi', ?, 'x', 'x')`,
      )
      .run('mario@one.example');
    sqlite
      .prepare(
        `INSERT INTO customers (name, name_key, email, created_at, updated_at)
         VALUES ('MARIO ROSSI', 'mario rossi', ?, 'x', 'x')`,
      )
      .run('mario@two.example');
    sqlite.close();
    const ambiguous = rapport('journal', 'add', '--title', 'x', '--customer', 'mario rossi');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('2 customers are called “mario rossi”');
    expect(query(box.db, 'SELECT count(*) AS n FROM journal_entries')).toEqual([{ n: 3 }]);
  });

  it('lists entries newest first as an array of snake_case objects, and as a table', () => {
    const list = rapport('journal', 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    const entries = JSON.parse(list.stdout);
    expect(entries.map((e: { id: number }) => e.id)).toEqual([3, 2, 1]);
    expect(Object.keys(entries[0])).toEqual(ENTRY_KEYS);
    expect(entries[1].sale).toBeNull();
    expect(entries[0].sale).toMatchObject({ id: 1, status: 'open', closed_on: null, amount_minor: 50_000 });
    const table = rapport('journal', 'list').stdout;
    expect(table).toMatch(/Discovery call\s+worked\s+SPIN questions, Trial close\s+Acme S\.r\.l\./);
    expect(table).toContain('3 of 3 journal entries');
    expect(JSON.parse(rapport('journal', 'list', '--outcome', 'worked', '--json').stdout)).toHaveLength(1);
  });
});

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { counts, query, sandboxForAll } from '../cli/helpers';

const END = '2026-06-30';
const box = sandboxForAll();

describe('rapport demo --lang and rapport sample', () => {
  it('writes the sample in the language asked for, and refuses one it does not speak', () => {
    const run = box.run(['--db', box.db, '--json', 'demo', '--sales', '200', '--end', END, '--lang', 'it']);
    expect(run.code, run.stderr).toBe(0);
    expect(query(box.db, 'SELECT title FROM goals ORDER BY id LIMIT 1')).toEqual([
      { title: 'Fatturato del trimestre' },
    ]);
    const bad = box.run(['--db', box.db, 'demo', '--sales', '10', '--lang', 'fr']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--lang.*en or it.*fr/s);
  });

  it('counts the sample rows, then removes them and keeps the seller’s own', () => {
    // A customer of the seller's own, written as the app would (the CLI has no command to add one).
    const db = new Database(box.db);
    db.prepare(
      "INSERT INTO customers (name, name_key, created_at, updated_at) VALUES ('Anna Real', 'anna real', 'x', 'x')",
    ).run();
    db.close();
    const counted = box.run(['--db', box.db, '--json', 'sample', 'count']);
    expect(counted.code, counted.stderr).toBe(0);
    const { sample, all } = JSON.parse(counted.stdout) as {
      sample: Record<string, number>;
      all: Record<string, number>;
    };
    expect(sample).toMatchObject({ sales: 200, customers: 50, products: 8, techniques: 6 });
    expect(all.customers).toBe(51);

    const text = box.run(['--db', box.db, 'sample', 'count']);
    expect(text.stdout).toMatch(/^Sample data: 50 customers, 200 sales, 8 products, 6 techniques, 7 goals, .*\.\n$/);

    const removed = box.run(['--db', box.db, '--json', 'sample', 'remove']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse(removed.stdout)).toEqual(sample);
    expect(counts(box.db)).toEqual({ customers: 1, sales: 0, products: 0, techniques: 0, sale_techniques: 0 });
    expect(query(box.db, 'SELECT name FROM customers')).toEqual([{ name: 'Anna Real' }]);

    const again = box.run(['--db', box.db, 'sample', 'remove']);
    expect(again.stdout).toBe('Removed nothing.\n');
  });
});

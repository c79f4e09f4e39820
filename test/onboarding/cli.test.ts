import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { counts, query, ROOT, sandboxForAll } from '../cli/helpers';
import { contentHash } from '../imports/helpers';

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

  it('says each step as it begins when asked to show progress, in the CLI’s language, and nothing otherwise', () => {
    const file = join(box.dir, 'steps.sqlite');
    const quiet = box.run(['--db', file, 'demo', '--sales', '100', '--end', END]);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
    const steps = box.run(['--db', file, 'demo', '--sales', '100', '--end', END], { RAPPORT_PROGRESS: '1' });
    expect(steps.code, steps.stderr).toBe(0);
    expect(steps.stderr.replace(/\d+ s:/g, 'N s:')).toBe(
      [
        'rapport: N s: the sales and their customers…',
        'rapport: N s: their check-ins, conversations and complaints…',
        'rapport: N s: the indexes and summaries…',
        'rapport: N s: tidying the follow-ups…',
        'rapport: N s: goals, journal, experiments and library…',
        '',
      ].join('\n'),
    );
    const italian = box.run(['--db', file, 'demo', '--sales', '100', '--end', END], {
      RAPPORT_PROGRESS: '1',
      RAPPORT_LANG: 'it',
    });
    expect(italian.stderr.split('\n')[0]).toMatch(/^rapport: \d+ s: le vendite e i loro clienti…$/);
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

describe('rapport demo on a file nobody else has open (db/alone.ts)', () => {
  const hash = (file: string): string => {
    const db = new Database(file, { readonly: true });
    try {
      return contentHash(db);
    } finally {
      db.close();
    }
  };

  it('writes with a rollback journal; killed half-way, the next open leaves the book exactly as before', async () => {
    const file = join(box.dir, 'killed.sqlite');
    expect(box.run(['--db', file, 'demo', '--sales', '300', '--end', END]).code).toBe(0);
    const before = hash(file);
    const size = statSync(file).size;
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'rapport.js'), '--db', file, 'demo', '--sales', '200000', '--end', END],
      { env: { ...process.env, RAPPORT_DB: undefined, HOME: box.dir }, stdio: 'ignore' },
    );
    // Killed once the bulk write has put megabytes of new pages straight into the file, beside
    // the journal of the pages it had (in WAL mode they would be in the -wal).
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (existsSync(`${file}-journal`) && statSync(file).size > size + 8 * 1024 * 1024) {
          clearInterval(poll);
          if (child.kill('SIGKILL')) resolve();
        }
      }, 10);
      child.on('exit', () => {
        clearInterval(poll);
        reject(new Error('the demo finished before it could be killed'));
      });
    });
    await new Promise((resolve) => child.once('close', resolve));
    expect(child.signalCode).toBe('SIGKILL');
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);

    // The next command's open rolls the hot journal back, and puts the file in WAL mode again.
    const stats = box.run(['--db', file, '--json', 'stats']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(existsSync(`${file}-journal`)).toBe(false);
    expect(hash(file)).toBe(before);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  }, 120_000);

  it('with the file open elsewhere (the app), writes in WAL mode instead, and the other keeps reading', () => {
    const file = join(box.dir, 'shared.sqlite');
    expect(box.run(['--db', file, 'demo', '--sales', '50', '--end', END]).code).toBe(0);
    const app = new Database(file);
    try {
      expect(app.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(50);
      const run = box.run(['--db', file, '--json', 'demo', '--sales', '100', '--end', END]);
      expect(run.code, run.stderr).toBe(0);
      expect(app.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(150);
      expect(app.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      app.close();
    }
  });
});

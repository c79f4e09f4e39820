import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { contentHash } from './helpers';
import { counts, query, ROOT, sandboxForEachTest } from '../cli/helpers';

const box = sandboxForEachTest();
afterAll(() => undefined);

const file = (name: string, content: string): string => {
  const path = join(box.dir, name);
  writeFileSync(path, content);
  return path;
};
const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);
const JSON_KEYS = ['batch_id', 'inserted', 'duplicates', 'skipped', 'customers_created', 'errors'];

describe('rapport import', () => {
  it('imports sales, prints the batch as JSON, adds nothing the second time, lists and undoes it', () => {
    const csv = file(
      'vendite.csv',
      'Data;Cliente;Importo;Stato\n15/03/2026;Rossi;1.234,56;vinta\n16/03/2026;Verdi;10;persa\n',
    );
    const first = rapport('import', 'sales', csv, '--json');
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(expect.arrayContaining(JSON_KEYS));
    expect(result).toMatchObject({
      batch_id: 1,
      inserted: 2,
      duplicates: 0,
      skipped: 0,
      customers_created: 2,
      errors: [],
    });
    expect(first.stderr).toBe('');

    expect(JSON.parse(rapport('import', 'sales', csv, '--json').stdout)).toMatchObject({
      batch_id: null,
      inserted: 0,
      duplicates: 2,
    });

    const history = rapport('import', 'history');
    expect(history.stdout).toMatch(/1\s+sales\s+vendite\.csv\s+2026-\d\d-\d\d \d\d:\d\d\s+2\s+0\s+0\s+2\s+—/);
    expect(JSON.parse(rapport('import', 'history', '--json').stdout)).toEqual([
      expect.objectContaining({ id: 1, inserted: 2 }),
    ]);

    const undo = rapport('import', 'undo', '1');
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout).toBe('Undid import batch 1: removed 2 sales and 2 customers.\n');
    expect(counts(box.db)).toMatchObject({ sales: 0, customers: 0 });
    expect(rapport('import', 'undo', '1')).toMatchObject({ code: 1, stderr: expect.stringMatching(/already undone/) });
  });

  it('exits 1 and writes nothing when a row is invalid, listing every error with its line', () => {
    rapport('demo', '--sales', '20');
    const before = counts(box.db);
    const csv = file(
      'bad.csv',
      'Date,Customer,Email,Amount,Status\n2026-01-02,Ok,,1,won\n2026-02-31,A,,1,won\n2026-01-03,B,bad@,-2,won\n',
    );
    const result = rapport('import', 'sales', csv, '--json');
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { errors: unknown[]; inserted: number; batch_id: number | null };
    expect(json).toMatchObject({ batch_id: null, inserted: 0, skipped: 2 });
    expect(json.errors).toEqual([
      {
        line: 3,
        field: 'date',
        column: 'Date',
        message: 'is not a real day written yyyy-MM-dd (got “2026-02-31”)',
        // The same problem as a message key and values, for a caller that words it itself.
        key: 'notDay',
        values: { format: 'yyyy-MM-dd', got: '2026-02-31' },
      },
      {
        line: 4,
        field: 'amount',
        column: 'Amount',
        message: 'must not be negative (got “-2”)',
        key: 'negative',
        values: { got: '-2' },
      },
      {
        line: 4,
        field: 'customer_email',
        column: 'Email',
        message: 'is not a valid email address (got “bad@”)',
        key: 'errors.email',
        values: { got: 'bad@' },
      },
    ]);
    expect(result.stderr).toContain('line 4, customer_email (column "Email"): is not a valid email address');
    expect(result.stderr).toContain('rapport: Nothing was imported: 2 of the rows have errors.');
    expect(counts(box.db)).toEqual(before);

    const skip = rapport('import', 'sales', csv, '--skip-invalid');
    expect(skip.code, skip.stderr).toBe(0);
    expect(skip.stdout).toContain('Imported 1 sales as batch 1; 0 already there, 2 rejected, 1 new customers.');
    expect(readFileSync(join(box.dir, 'bad.rejected.csv'), 'utf8')).toContain('reason');
  });

  it('a dry run writes nothing; options are checked; file errors exit 1 with a clear message', () => {
    const csv = file('ok.csv', 'Date|Customer|Amount|Status\n03/04/2026|A|1|won\n');
    expect(rapport('import', 'sales', csv)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/read both as dd\/MM\/yyyy and as MM\/dd\/yyyy/),
    });
    const dry = rapport('import', 'sales', csv, '--date-format', 'MM/dd/yyyy', '--dry-run', '--delimiter', '|');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Dry run, nothing written: would import 1 sales');
    expect(query(box.db, 'SELECT count(*) AS n FROM sales')).toEqual([{ n: 0 }]);

    expect(rapport('import', 'sales', csv, '--decimal', ':', '--date-format', 'yyyy/MM/dd')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        '--date-format: must be one of "yyyy-MM-dd", "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy"\n  --decimal: must be one of ",", "."',
      ),
    });
    expect(rapport('import', 'sales', join(box.dir, 'missing.csv'), '--json')).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('"field": "file"'),
      stderr: expect.stringMatching(/missing\.csv does not exist/),
    });
    expect(rapport('import', 'sales', file('empty.csv', ''))).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/empty\.csv is empty/),
    });
    expect(rapport('import', 'deals', csv).code).toBe(2);
  });

  it('imports customers with an explicit mapping', () => {
    const csv = file('people.csv', 'Who,Mail\nAda Lovelace,ada@example.com\n');
    const result = rapport('import', 'customers', csv, '--map', 'name=Who', '--map', 'email=Mail', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ inserted: 1, customers_created: 1 });
    expect(query(box.db, 'SELECT name, email FROM customers')).toEqual([
      { name: 'Ada Lovelace', email: 'ada@example.com' },
    ]);
  });

  it('a crash (kill -9) in the middle of an import: the next open leaves the database exactly as before', async () => {
    rapport('demo', '--sales', '50');
    const hash = (): string => {
      const db = new Database(box.db, { readonly: true });
      try {
        return contentHash(db);
      } finally {
        db.close();
      }
    };
    const before = hash();
    const lines = ['Date,Customer,Amount,Status,Deal ID'];
    for (let i = 0; i < 300_000; i++)
      lines.push(`2026-01-${String((i % 28) + 1).padStart(2, '0')},Crash ${i % 900},${i}.25,won,K${i}`);
    const csv = file('big.csv', `${lines.join('\n')}\n`);
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'rapport.js'), '--db', box.db, 'import', 'sales', csv], {
      env: { ...process.env, RAPPORT_DB: undefined, HOME: box.dir, RAPPORT_PROGRESS: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Kill at the first progress line: the import has committed some of its steps.
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        if (/\d+ rows/.test(chunk.toString()) && child.kill('SIGKILL')) resolve();
      });
      child.on('exit', () => reject(new Error('the import finished before it could be killed')));
    });
    await new Promise((resolve) => child.once('close', resolve));
    expect(child.signalCode).toBe('SIGKILL');
    const raw = new Database(box.db, { readonly: true });
    const cutShort = raw.prepare('SELECT count(*) FROM import_batches WHERE running_pid IS NOT NULL').pluck().get();
    raw.close();
    expect(cutShort).toBe(1);
    // The next command's open takes the batch back.
    rapport('stats');
    expect(hash()).toBe(before);
    const db = new Database(box.db, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});

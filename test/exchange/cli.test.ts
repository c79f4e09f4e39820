import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SALE_HEADERS } from '../../src-main/features/exchange/export';
import { counts, sandbox, sandboxForAll } from '../cli/helpers';

const box = sandboxForAll();
beforeAll(() => {
  const demo = box.run(['--db', box.db, 'demo', '--sales', '300', '--seed', '5', '--end', '2026-06-30']);
  expect(demo.code, demo.stderr).toBe(0);
});

const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('rapport export', () => {
  it('writes a CSV and reports it, in text and --json', () => {
    const out = join(box.dir, 'sales.csv');
    const text = rapport('export', 'sales', '--out', out);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Exported 300 sales to .+sales\.csv \(\d+ KB\)\.\n$/);
    expect(readFileSync(out, 'utf8').startsWith(`\ufeff${SALE_HEADERS.join(',')}\r\n`)).toBe(true);

    const json = rapport('--json', 'export', 'customers', '--out', join(box.dir, 'customers.csv'));
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      path: join(box.dir, 'customers.csv'),
      rows: 75,
      bytes: readFileSync(join(box.dir, 'customers.csv')).length,
    });
  });

  it('writes for an Italian spreadsheet with --dialect semicolon, and by default when the database is Italian', () => {
    const out = join(box.dir, 'semicolon.csv');
    expect(rapport('export', 'customers', '--out', out, '--dialect', 'semicolon').code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toMatch(/^\ufeffid;name;company;/);
    expect(rapport('export', 'customers', '--out', out, '--dialect', 'tab').code).toBe(2);

    const italian = sandbox();
    try {
      expect(italian.run(['--db', italian.db, 'demo', '--sales', '3', '--seed', '1']).code).toBe(0);
      const db = new Database(italian.db);
      db.prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES ('language', '"it"')`).run();
      db.close();
      const vendite = join(italian.dir, 'vendite.csv');
      const run = italian.run(['--db', italian.db, 'export', 'sales', '--out', vendite]);
      expect(run.code, run.stderr).toBe(0);
      const [header, first] = readFileSync(vendite, 'utf8').split('\r\n');
      expect(header).toMatch(/^\ufeffid;data;titolo;id_cliente;cliente;/);
      expect(first).toMatch(/;\d+,\d{2};[A-Z]{3};\d+;/);
      const comma = italian.run([
        '--db',
        italian.db,
        'export',
        'sales',
        '--out',
        vendite,
        '--force',
        '--dialect',
        'comma',
      ]);
      expect(readFileSync(vendite, 'utf8')).toMatch(/^\ufeffid,data,titolo,/);
      expect(comma.code).toBe(0);
    } finally {
      italian.cleanup();
    }
  });

  it('refuses to replace a file without --force (exit 1, file untouched)', () => {
    const out = join(box.dir, 'keep.csv');
    writeFileSync(out, 'mine');
    const refused = rapport('export', 'customers', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/keep\.csv already exists/);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect(rapport('export', 'customers', '--out', out, '--force').code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^\ufeffid,name,/);
  });

  it('exit 2 for a wrong kind or a missing --out; exit 1 for a wrong file type', () => {
    expect(rapport('export', 'orders', '--out', join(box.dir, 'x.csv')).code).toBe(2);
    expect(rapport('export', 'sales').code).toBe(2);
    const wrongType = rapport('export', 'sales', '--out', join(box.dir, 'sales.xlsx'));
    expect(wrongType.code).toBe(1);
    expect(wrongType.stderr).toMatch(/must end in \.csv/);
  });

  it('has help with examples', () => {
    const help = rapport('export', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:\n\s+rapport export sales --out/);
  });
});

describe('rapport backup and restore', () => {
  it('backs up, restores, keeps the replaced database aside, and says so in --json', () => {
    const backup = join(box.dir, 'backup.sqlite');
    const made = rapport('--json', 'backup', '--out', backup);
    expect(made.code, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toEqual({ path: backup, bytes: readFileSync(backup).length });
    expect(rapport('backup', '--out', backup).code).toBe(1);

    expect(
      rapport('sales', 'add', '--customer', 'Late', '--amount', '1', '--status', 'won', '--date', '2026-07-01').code,
    ).toBe(0);
    expect(counts(box.db).sales).toBe(301);

    const restored = rapport('--json', 'restore', backup);
    expect(restored.code, restored.stderr).toBe(0);
    const result = JSON.parse(restored.stdout) as {
      restored_from: string;
      previous_saved_as: string;
      database: string;
    };
    expect(result).toMatchObject({ restored_from: backup, database: box.db });
    expect(result.previous_saved_as).toMatch(/rapport\.sqlite\.backups\/.+-before-restore\.sqlite$/);
    expect(counts(box.db).sales).toBe(300);
    expect(counts(result.previous_saved_as).sales).toBe(301);
    // And the restored database is the one the next command uses.
    expect(rapport('--json', 'sales', 'list', '--limit', '1').stderr).toBe('rapport: 1 of 300 sales.\n');
  });

  it('refuses a bad backup with exit 1 and a clear message, the database byte-identical', () => {
    const before = sha(box.db);
    const junk = join(box.dir, 'junk.sqlite');
    writeFileSync(junk, 'definitely not SQLite');
    for (const [file, message] of [
      [junk, /junk\.sqlite is not a SQLite database/],
      [join(box.dir, 'missing.sqlite'), /missing\.sqlite does not exist/],
      [join(box.dir, 'sales.csv'), /must end in \.sqlite/],
    ] as const) {
      const result = rapport('restore', file);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/at .+\.js:\d+/);
    }
    expect(sha(box.db)).toBe(before);
    expect(readdirSync(box.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(rapport('restore').code).toBe(2);
  });

  it('writes a checksum beside the backup, and refuses a copy cut short or changed since, in the seller’s words', () => {
    const before = sha(box.db);
    const backup = join(box.dir, 'checked.sqlite');
    expect(rapport('backup', '--out', backup).code).toBe(0);
    expect(readFileSync(`${backup}.sha256`, 'utf8')).toBe(`${sha(backup)}  checked.sqlite\n`);
    const bytes = readFileSync(backup);

    const short = join(box.dir, 'short.sqlite');
    writeFileSync(short, bytes.subarray(0, bytes.length - 10));
    const cut = box.run(['--db', box.db, 'restore', short], { RAPPORT_LANG: 'it' });
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain(
      `${short} è incompleto: è di ${bytes.length - 10} byte, ma la sua intestazione indica ${bytes.length / 4096} pagine da 4096 byte`,
    );

    const changed = join(box.dir, 'changed.sqlite');
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 1] = flipped[bytes.length - 1]! ^ 0xff;
    writeFileSync(changed, flipped);
    writeFileSync(`${changed}.sha256`, readFileSync(`${backup}.sha256`));
    const result = rapport('restore', changed);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /changed\.sqlite does not match the checksum saved with it in .*changed\.sqlite\.sha256/,
    );
    expect(sha(box.db)).toBe(before);
  });

  it('restores onto a machine with no database yet', () => {
    const fresh = join(box.dir, 'elsewhere', 'rapport.sqlite');
    const backup = join(box.dir, 'backup.sqlite');
    const result = box.run(['--db', fresh, 'restore', backup]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`Restored ${fresh} from ${backup}.\n`);
    expect(existsSync(fresh)).toBe(true);
  });
});

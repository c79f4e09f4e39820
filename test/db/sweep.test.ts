import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate, openDatabase } from '../../src-main/db/connection';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import type { DB } from '../../src-main/db/schema';
import { generateSampleData } from '../../src-main/features/onboarding/sampleData';
import { sweepLeftovers } from '../../src-main/kernel/files';
import { FIXED_NOW, tempDir } from '../helpers/store';
import { ROOT } from '../cli/helpers';

/**
 * Issue 15, point 7: what killed backups, restores and pre-migration snapshots leave next to the
 * database is swept when it is next opened — only files with Rapport's own temporary names,
 * and only when their writer is gone or they are long abandoned.
 */

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const HOUR = 60 * 60 * 1000;

/** A process id that is not running: a child's, after it exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

function touch(name: string, ageMs = 0, content = 'x'): void {
  const file = join(dir, name);
  writeFileSync(file, content);
  const when = new Date(Date.now() - ageMs);
  utimesSync(file, when, when);
}

describe('sweepLeftovers', () => {
  it('removes our temp names whose writer is gone or which are long abandoned, and nothing else', async () => {
    const dead = await deadPid();
    const db = join(dir, 'rapport.sqlite');
    const removable = [
      // A restore's staged copy and the journal SQLite kept beside it, its writer killed.
      `.rapport.sqlite.${dead}-0123456789ab.tmp`,
      `.rapport.sqlite.${dead}-0123456789ab.tmp-journal`,
      // A killed snapshot's temp file and a killed restore's aside copy, writer gone.
      `.rapport.sqlite.v3-before-v10-2026-01-02T03-04-05-000Z.bak.${dead}-aaaaaaaaaaaa.tmp`,
      `.rapport.sqlite.before-restore-2026-06-15T09-30-00-000Z.sqlite.${dead}-bbbbbbbbbbbb.tmp`,
      `.rapport.sqlite.${dead}-cccccccccccc.tmp-wal`,
      `.rapport.sqlite.${dead}-cccccccccccc.tmp-shm`,
    ];
    const abandoned = [
      // The older shape without a process id, two hours old; and a live writer's, as old.
      '.rapport.sqlite.dddddddddddd.tmp',
      `.rapport.sqlite.${process.pid}-eeeeeeeeeeee.tmp`,
      // A snapshot older versions wrote in place, killed: its hot journal makes it open empty.
      'rapport.sqlite.v2-before-v9-2026-01-02T03-04-05-000Z.bak',
      'rapport.sqlite.v2-before-v9-2026-01-02T03-04-05-000Z.bak-journal',
    ];
    const kept = [
      'rapport.sqlite',
      // In use: a live writer's (this process), a recent one with no process id.
      `.rapport.sqlite.${process.pid}-ffffffffffff.tmp`,
      '.rapport.sqlite.999999999999.tmp',
      // The seller's files: a finished snapshot, a kept-aside database, their checksums, a backup.
      'rapport.sqlite.v1-before-v9-2026-01-02T03-04-05-000Z.bak',
      'rapport.sqlite.v1-before-v9-2026-01-02T03-04-05-000Z.bak.sha256',
      'rapport.sqlite.before-restore-2026-06-15T09-30-00-000Z.sqlite',
      'backup.sqlite',
      // Other programs' and other databases' temp files.
      `.other.sqlite.${dead}-0123456789ab.tmp`,
      `.rapport.sqlite.${dead}-0123456789ab.tmp.keep`,
      'rapport.sqlite.tmp',
      `rapport.sqlite.${dead}-0123456789ab.tmp`,
    ];
    for (const name of removable) touch(name);
    for (const name of abandoned) touch(name, 2 * HOUR);
    for (const name of kept) touch(name, name.includes('before-v9') ? 2 * HOUR : 0);
    // A folder with a temp name is not a file we wrote.
    mkdirSync(join(dir, `.rapport.sqlite.${dead}-999999999999.tmp`));

    const removed = await sweepLeftovers(db);
    expect(removed.sort()).toEqual([...removable, ...abandoned].sort());
    expect(readdirSync(dir).sort()).toEqual([...kept, `.rapport.sqlite.${dead}-999999999999.tmp`].sort());
  });

  it('keeps a group while any part of it is recent, and takes "alive" from the injected check', async () => {
    touch('.rapport.sqlite.123-0123456789ab.tmp', 2 * HOUR);
    touch('.rapport.sqlite.123-0123456789ab.tmp-journal', 0);
    const db = join(dir, 'rapport.sqlite');
    expect(await sweepLeftovers(db, { isAlive: () => true })).toEqual([]);
    expect(await sweepLeftovers(db, { isAlive: () => true, now: () => new Date(Date.now() + 2 * HOUR) })).toHaveLength(
      2,
    );
    touch('.rapport.sqlite.124-0123456789ab.tmp', 0);
    expect(await sweepLeftovers(db, { isAlive: (pid) => pid !== 124 })).toEqual([
      '.rapport.sqlite.124-0123456789ab.tmp',
    ]);
  });

  it('never throws, for a folder that is not there', async () => {
    expect(await sweepLeftovers(join(dir, 'missing', 'rapport.sqlite'))).toEqual([]);
  });
});

describe('openDatabase sweeps first', () => {
  it('removes the leftovers of a killed restore and a killed snapshot, keeps the rest', async () => {
    const dead = await deadPid();
    const db = join(dir, 'rapport.sqlite');
    await (await openDatabase(db, { now: () => FIXED_NOW })).close();
    touch(`.rapport.sqlite.${dead}-0123456789ab.tmp`, 0, 'half a staged copy');
    touch(`.rapport.sqlite.v3-before-v10-x.bak.${dead}-0123456789ab.tmp-journal`);
    touch('notes.txt');
    const store = await openDatabase(db, { now: () => FIXED_NOW });
    await store.close();
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'rapport.sqlite']);
  });
});

describe('a real SIGKILL in the middle of backups', () => {
  it('leaves only complete backups whose checksums hold, and temp files that the next open sweeps', async () => {
    const db = join(dir, 'rapport.sqlite');
    const store = await openDatabase(db, { now: () => FIXED_NOW });
    await store.db
      .transaction()
      .execute((trx) =>
        generateSampleData(
          trx,
          store.sqlite,
          { sales: 2000, seed: 3, endDate: '2026-06-01', currency: 'EUR' },
          FIXED_NOW,
        ),
      );
    await store.close();
    // A child backs the database up next to it, again and again, until it is killed.
    const script = `
      import { openDatabase } from ${JSON.stringify(join(ROOT, 'src-main/db/connection.ts'))};
      import { backupDatabase } from ${JSON.stringify(join(ROOT, 'src-main/features/exchange/backup.ts'))};
      const store = await openDatabase(${JSON.stringify(db)});
      process.stdout.write('open\\n');
      for (let i = 0; ; i++) await backupDatabase(store.db, store.sqlite, ${JSON.stringify(db)} + '.copy-' + i + '.sqlite');`;
    let leftovers: string[] = [];
    for (let attempt = 0; attempt < 8 && leftovers.length === 0; attempt++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => resolve());
        child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
      // Kill at a moment when a temp file is there (a backup is being written), or after 3 s.
      const until = Date.now() + 3000;
      while (Date.now() < until && !readdirSync(dir).some((n) => n.endsWith('.tmp'))) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      child.kill('SIGKILL');
      await exited;
      leftovers = readdirSync(dir).filter((n) => n.startsWith('.'));
    }
    expect(leftovers.length).toBeGreaterThan(0);
    for (const name of leftovers)
      expect(name).toMatch(/^\.rapport\.sqlite\.copy-\d+\.sqlite(\.sha256)?\.\d+-[0-9a-f]{12}\.tmp(-journal)?$/);

    // Every backup under its final name is whole; its checksum, when there, matches.
    const copies = readdirSync(dir).filter((n) => /^rapport\.sqlite\.copy-\d+\.sqlite$/.test(n));
    for (const name of copies) {
      const file = join(dir, name);
      const copy = new Database(file, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 2000 });
      copy.close();
      const checksum = readdirSync(dir).includes(`${name}.sha256`)
        ? readFileSync(`${file}.sha256`, 'utf8').slice(0, 64)
        : null;
      if (checksum !== null) expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(checksum);
    }

    await (await openDatabase(db, { now: () => FIXED_NOW })).close();
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 60_000);
});

/** Runs `script` in a child (tsx) and SIGKILLs it as soon as `ready()` holds, or after 5 s. */
async function killWhen(script: string, ready: () => boolean): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const until = Date.now() + 5000;
  while (Date.now() < until && !ready()) await new Promise((resolve) => setTimeout(resolve, 1));
  child.kill('SIGKILL');
  await exited;
}

describe('a real SIGKILL in the middle of the snapshot before a migration', () => {
  it('leaves no snapshot under its final name that is not whole, and the next open sweeps and migrates', async () => {
    // A database one version behind, large enough for its snapshot to take a while.
    const pristine = join(dir, 'pristine.sqlite');
    const sqlite = new Database(pristine);
    const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(kysely, 0, LATEST_VERSION - 1);
    sqlite.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
      INSERT INTO customers (name, name_key, notes, created_at, updated_at)
      SELECT 'Customer ' || i, 'customer ' || i, printf('%.400c', 'n'), 'x', 'x' FROM n`);
    await kysely.destroy();

    const db = join(dir, 'rapport.sqlite');
    const script = `
      import { openDatabase } from ${JSON.stringify(join(ROOT, 'src-main/db/connection.ts'))};
      await openDatabase(${JSON.stringify(db)});`;
    // The snapshot is an automatic backup, written in the folder beside the database.
    const folder = `${db}.backups`;
    const inFolder = (): string[] => (existsSync(folder) ? readdirSync(folder) : []);
    let leftovers: string[] = [];
    for (let attempt = 0; attempt < 8 && leftovers.length === 0; attempt++) {
      for (const name of readdirSync(dir)) if (name !== 'pristine.sqlite') rmSync(join(dir, name), { recursive: true });
      copyFileSync(pristine, db);
      await killWhen(script, () => inFolder().some((n) => /\.sqlite\.\d+-[0-9a-f]{12}\.tmp/.test(n)));
      leftovers = inFolder().filter((n) => n.startsWith('.'));
    }
    expect(leftovers.length).toBeGreaterThan(0);
    for (const name of leftovers) {
      expect(name).toMatch(/^\.[0-9T-]+Z-before-migration\.sqlite(\.sha256)?\.\d+-[0-9a-f]{12}\.tmp(-journal)?$/);
    }
    // Under a final name, only a whole snapshot (the kill came after its rename) — never an empty one.
    for (const name of inFolder().filter((n) => n.endsWith('-before-migration.sqlite'))) {
      const snapshot = new Database(join(folder, name), { readonly: true });
      expect(snapshot.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 60000 });
      snapshot.close();
    }
    const store = await openDatabase(db, { now: () => FIXED_NOW });
    try {
      expect(store.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(
        await store.db
          .selectFrom('customers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst(),
      ).toEqual({
        n: 60000,
      });
    } finally {
      await store.close();
    }
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(inFolder().filter((n) => n.startsWith('.'))).toEqual([]);
  }, 90_000);
});

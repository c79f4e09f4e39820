import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupsFolder } from '../../src-main/db/backupFolder';
import { restoreDatabase } from '../../src-main/features/exchange/backup';
import { AppError } from '../../src-main/kernel/errors';

/**
 * The restore-vs-write race of issue 15, point 1, shared by test/exchange/restoreRace.test.ts
 * (a bounded slice in `npm test`) and bench/restoreRace.ts (the long run): child processes add
 * sales through the CLI's entry (raceAdder.ts) while this process restores a backup over the
 * database again and again; then every acknowledged sale is looked for in the final database
 * and in every copy the restores kept aside.
 */

/** The clock of the first restore; each next one a second later, so each keeps its own copy aside. */
const FIRST_RESTORE = Date.parse('2026-06-15T09:30:00.000Z');

const ADDER = fileURLToPath(new URL('./raceAdder.ts', import.meta.url));

export interface AddResult {
  note: string;
  code: number;
  stderr: string;
}

/** Runs raceAdder.ts; resolves with its results once it exits. */
function adder(db: string, prefix: string, count: number, home: string): Promise<AddResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ADDER, db, prefix, String(count)], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, HOME: home, RAPPORT_DB: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`raceAdder exited ${code}: ${err}`));
      else
        resolve(
          out
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as AddResult),
        );
    });
  });
}

/**
 * The notes of the race's sales in `file`, and whether SQLite finds the file whole (what it
 * can still read of a damaged one counts; a file it cannot read at all holds none).
 */
function raceNotes(file: string): { notes: string[]; whole: boolean } {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    const whole = db.pragma('integrity_check', { simple: true }) === 'ok';
    try {
      return { notes: db.prepare("SELECT notes FROM sales WHERE notes LIKE 'race%'").pluck().all() as string[], whole };
    } catch {
      return { notes: [], whole: false };
    }
  } catch {
    return { notes: [], whole: false };
  } finally {
    db?.close();
  }
}

export interface RaceOutcome {
  acknowledged: string[];
  refused: AddResult[];
  lost: string[];
  /** The final database and the copies kept aside that SQLite finds damaged (file names). */
  damaged: string[];
  restores: number;
  restoresRefused: number;
  otherRestoreErrors: string[];
}

/**
 * `children` processes each add `adds` sales while this one restores `backup` over `db` until
 * they are done (at most `maxRestores` times), with a distinct clock per restore so that each
 * keeps its own copy aside.
 */
export async function race(
  dir: string,
  db: string,
  backup: string,
  { children, adds, maxRestores }: { children: number; adds: number; maxRestores: number },
): Promise<RaceOutcome> {
  let done = false;
  const adders = Promise.all(Array.from({ length: children }, (_, c) => adder(db, `race${c}`, adds, dir))).finally(
    () => (done = true),
  );
  let restores = 0;
  let restoresRefused = 0;
  const otherRestoreErrors: string[] = [];
  for (let attempt = 0; !done && attempt < maxRestores; attempt++) {
    try {
      await restoreDatabase(db, backup, new Date(FIRST_RESTORE + attempt * 1000));
      restores++;
    } catch (error) {
      if (error instanceof AppError && error.message === 'failures.databaseInUse') restoresRefused++;
      else otherRestoreErrors.push(String(error));
    }
    await new Promise((resolve) => setTimeout(resolve, attempt % 3));
  }
  const results = (await adders).flat();
  const kept = new Set<string>();
  const damaged: string[] = [];
  // Each restore keeps the database it replaced as an automatic backup (db/backupFolder.ts).
  const folder = backupsFolder(db);
  const asides = existsSync(folder)
    ? readdirSync(folder).filter((name) => name.endsWith('-before-restore.sqlite'))
    : [];
  for (const file of [db, ...asides.map((name) => join(folder, name))]) {
    const { notes, whole } = raceNotes(file);
    if (!whole) damaged.push(basename(file));
    for (const note of notes) kept.add(note);
  }
  const acknowledged = results.filter((r) => r.code === 0).map((r) => r.note);
  return {
    acknowledged,
    refused: results.filter((r) => r.code !== 0),
    lost: acknowledged.filter((note) => !kept.has(note)),
    damaged,
    restores,
    restoresRefused,
    otherRestoreErrors,
  };
}

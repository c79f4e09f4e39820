import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restoreDatabase } from '../../src-main/features/exchange/backup';
import { AppError } from '../../src-main/kernel/errors';
import { FIXED_NOW, tempDir } from '../helpers/store';
import { inEnglish } from '../helpers/words';
import { backupIn, sampleDatabase } from './backupFixtures';

/**
 * Issue 15, point 1: `rapport sales add` in a loop against `rapport restore` in a loop lost
 * sales whose command had exited 0 — in neither the final database nor any copy kept aside —
 * because the restore checked for a -wal file, copied and renamed with no lock held between.
 * Here real child processes add sales through the CLI's entry while this process restores
 * over and over; afterwards every acknowledged sale must be in the final database or in one
 * of the copies the restores kept aside, and every refused add must have said why.
 */

const ADDER = fileURLToPath(new URL('./raceAdder.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface AddResult {
  note: string;
  code: number;
  stderr: string;
}

/** Runs raceAdder.ts; resolves with its results once it exits. */
function adder(db: string, prefix: string, count: number, home: string): Promise<AddResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ADDER, db, prefix, String(count)], {
      cwd: ROOT,
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

/** The notes of the race's sales in `file`, after checking that the file is whole. */
function raceNotes(file: string): string[] {
  const db = new Database(file, { fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return db.prepare("SELECT notes FROM sales WHERE notes LIKE 'race%'").pluck().all() as string[];
  } finally {
    db.close();
  }
}

export interface RaceOutcome {
  acknowledged: string[];
  refused: AddResult[];
  lost: string[];
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
      await restoreDatabase(db, backup, new Date(FIXED_NOW.getTime() + attempt * 1000));
      restores++;
    } catch (error) {
      if (error instanceof AppError && error.message === 'failures.databaseInUse') restoresRefused++;
      else otherRestoreErrors.push(String(error));
    }
    await new Promise((resolve) => setTimeout(resolve, attempt % 3));
  }
  const results = (await adders).flat();
  const kept = new Set<string>();
  const asides = readdirSync(dir).filter((name) => name.includes('.before-restore-') && name.endsWith('.sqlite'));
  for (const file of [db, ...asides.map((name) => join(dir, name))]) for (const note of raceNotes(file)) kept.add(note);
  const acknowledged = results.filter((r) => r.code === 0).map((r) => r.note);
  return {
    acknowledged,
    refused: results.filter((r) => r.code !== 0),
    lost: acknowledged.filter((note) => !kept.has(note)),
    restores,
    restoresRefused,
    otherRestoreErrors,
  };
}

describe('a restore racing `sales add` in other processes', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('loses no acknowledged sale, and a refused add says why', async () => {
    const db = join(dir, 'rapport.sqlite');
    await sampleDatabase(db, 5);
    const backup = await backupIn(dir, 5);

    const outcome = await race(dir, db, backup, { children: 2, adds: 60, maxRestores: 400 });

    expect(outcome.otherRestoreErrors).toEqual([]);
    expect(outcome.lost).toEqual([]);
    expect(outcome.acknowledged.length + outcome.refused.length).toBe(120);
    const replaced = inEnglish(new AppError('conflict', 'failures.swap.replaced'));
    for (const refusal of outcome.refused) expect(refusal.stderr).toContain(replaced);
    // The race was run: restores went through while the adds went on.
    expect(outcome.restores).toBeGreaterThan(0);
    expect(outcome.acknowledged.length).toBeGreaterThan(0);
    console.log(JSON.stringify({ ...outcome, acknowledged: outcome.acknowledged.length }));
  }, 60_000);
});

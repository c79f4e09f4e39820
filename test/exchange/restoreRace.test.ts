import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/kernel/errors';
import { tempDir } from '../helpers/store';
import { inEnglish } from '../helpers/words';
import { backupIn, sampleDatabase } from './backupFixtures';
import { race } from './raceHarness';

/**
 * Issue 15, point 1: `rapport sales add` in a loop against `rapport restore` in a loop lost
 * sales whose command had exited 0 — in neither the final database nor any copy kept aside —
 * because the restore checked for a -wal file, copied and renamed with no lock held between.
 * Here real child processes add sales through the CLI's entry while this process restores
 * over and over; afterwards every acknowledged sale must be in the final database or in one
 * of the copies the restores kept aside, all of them whole, and every refused add must have
 * said why. (Before the fix, the copies kept aside also came out damaged at times: the -wal of
 * the file swapped away was read as the new file's.)
 */

describe('a restore racing `sales add` in other processes', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('loses no acknowledged sale, and a refused add says why', async () => {
    const db = join(dir, 'rapport.sqlite');
    await sampleDatabase(db, 5);
    const backup = await backupIn(dir, 5);

    const outcome = await race(dir, db, backup, { children: 2, adds: 50, maxRestores: 400 });

    expect(outcome.otherRestoreErrors).toEqual([]);
    expect(outcome.lost).toEqual([]);
    expect(outcome.damaged).toEqual([]);
    expect(outcome.acknowledged.length + outcome.refused.length).toBe(100);
    const replaced = inEnglish(new AppError('conflict', 'failures.swap.replaced'));
    for (const refusal of outcome.refused) expect(refusal.stderr).toContain(replaced);
    // The race was run: restores went through while the adds went on.
    expect(outcome.restores).toBeGreaterThan(0);
    expect(outcome.acknowledged.length).toBeGreaterThan(0);
  }, 60_000);
});

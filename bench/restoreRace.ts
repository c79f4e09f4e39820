/**
 * The long run of the restore-vs-write race (issue 15, point 1; the slice in `npm test` is
 * test/exchange/restoreRace.test.ts): CHILDREN processes each add ADDS sales through the CLI's
 * entry while this one restores a backup over the database again and again. Prints how many
 * adds were acknowledged, refused and lost (acknowledged but in neither the final database nor
 * any copy kept aside: must be 0), which of those files SQLite finds damaged (none), and how
 * many restores went through or were refused.
 *
 *   node --import tsx bench/restoreRace.ts            # 4 children × 300 adds
 *   RACE_CHILDREN=2 RACE_ADDS=100 node --import tsx bench/restoreRace.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { backupIn, sampleDatabase } from '../test/exchange/backupFixtures';
import { race } from '../test/exchange/raceHarness';

const children = Number(process.env.RACE_CHILDREN ?? 4);
const adds = Number(process.env.RACE_ADDS ?? 300);

const dir = mkdtempSync(join(tmpdir(), 'rapport-race-'));
try {
  const db = join(dir, 'rapport.sqlite');
  await sampleDatabase(db, 50);
  const backup = await backupIn(dir, 50);
  const started = performance.now();
  const outcome = await race(dir, db, backup, { children, adds, maxRestores: 100_000 });
  const refusedBy = new Map<string, number>();
  for (const r of outcome.refused) {
    const line = r.stderr.trim().split('\n')[0] ?? '';
    refusedBy.set(line, (refusedBy.get(line) ?? 0) + 1);
  }
  console.log(
    JSON.stringify(
      {
        children,
        adds: children * adds,
        acknowledged: outcome.acknowledged.length,
        refused: outcome.refused.length,
        refusedBy: Object.fromEntries(refusedBy),
        lost: outcome.lost,
        damaged: outcome.damaged,
        restores: outcome.restores,
        restoresRefused: outcome.restoresRefused,
        otherRestoreErrors: outcome.otherRestoreErrors,
        seconds: Math.round((performance.now() - started) / 100) / 10,
      },
      null,
      2,
    ),
  );
  if (outcome.lost.length + outcome.damaged.length + outcome.otherRestoreErrors.length > 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import { referenceSchema } from '../../src-main/db/schemaCheck';
import { schemaDigests } from './schemaHistory';

/**
 * A book's schema at each version never changes once that version is out: a backup of version N
 * is checked against what this Rapport's migrations make up to N (db/schemaCheck.ts), so a
 * migration that reads a definition later code changes (db/salesFacts.ts for 0012) would make
 * every real book of that version look tampered with, and refuse the backup taken before its
 * migration. schemaHistory.json holds, per version, the objects that version added, changed
 * (a digest of what the check compares) or dropped (null); versions 1–14 were recorded from the
 * code that released them. A new migration adds its version here (the test says what to add).
 */
const HISTORY = JSON.parse(readFileSync(new URL('./schemaHistory.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, string | null>
>;

describe('the schema each version gives a book', () => {
  it('is the one recorded when that version came out, for every version', async () => {
    const expected: Record<string, string> = {};
    for (let version = 1; version <= LATEST_VERSION; version++) {
      const actual = schemaDigests(await referenceSchema(version));
      const recorded = HISTORY[version];
      if (!recorded) {
        const added = Object.fromEntries(Object.entries(actual).filter(([k, v]) => expected[k] !== v));
        for (const k of Object.keys(expected)) if (!(k in actual)) added[k] = null as never;
        expect.fail(
          `schemaHistory.json has no version ${version}; once its schema is final, add:\n"${version}": ${JSON.stringify(added, null, 1)}`,
        );
      }
      for (const [name, digest] of Object.entries(recorded)) {
        if (digest === null) delete expected[name];
        else expected[name] = digest;
      }
      expect(actual, `the schema at version ${version}`).toEqual(expected);
    }
  });
});

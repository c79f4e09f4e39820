import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { previewImport, runImport, type ImportRequest } from '../../src-main/features/imports/engine';
import type { ImportPreview, ImportResult } from '../../src-main/features/imports/contract';
import { FIXED_NOW, type TestStore } from '../helpers/store';
import { SEARCH_TABLE } from '../../src-main/db/searchIndex';

/**
 * A hash of every row of every table: "the database is exactly as before" in one value. The
 * full-text index's b-tree pages are left out: rows written and then taken back (an import cut
 * short after some of its steps) leave FTS5 merge records there, while the index's own rows
 * (`search_index` itself, its content and sizes) are compared like any table's.
 */
export function contentHash(sqlite: Database.Database): string {
  const hash = createHash('sha256');
  const tables = sqlite
    .prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT IN ('${SEARCH_TABLE}_data', '${SEARCH_TABLE}_idx') ORDER BY name`,
    )
    .all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(name);
    // Ordered by every column, so the hash does not depend on the order rows were written in.
    const columns = sqlite.prepare(`SELECT count(*) FROM pragma_table_info(?)`).pluck().get(name) as number;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    for (const row of sqlite.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).all())
      hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

export function writeCsv(t: TestStore, name: string, content: string | Buffer): string {
  const path = join(t.dir, name);
  writeFileSync(path, content);
  return path;
}

export function importFile(
  t: Pick<TestStore, 'store'>,
  path: string,
  extra: Partial<ImportRequest> = {},
): Promise<ImportResult> {
  return runImport(t.store, {
    path,
    kind: 'sales',
    options: {},
    skipInvalid: false,
    dryRun: false,
    defaultCurrency: 'EUR',
    now: FIXED_NOW,
    ...extra,
  });
}

/** The preview of a sales file with the defaults importFile uses, and `extra` over them. */
export function previewFile(
  t: TestStore,
  path: string,
  extra: Partial<Omit<ImportRequest, 'dryRun' | 'skipInvalid'>> = {},
): Promise<ImportPreview> {
  return previewImport(t.store, { path, kind: 'sales', options: {}, defaultCurrency: 'EUR', now: FIXED_NOW, ...extra });
}

export const count = (t: TestStore, table: string): number =>
  (t.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** n valid sales rows after an English header. */
export function salesCsv(n: number, eol = '\n'): string {
  const lines = ['Date,Customer,Email,Amount,Currency,Status,Product,Technique,Satisfaction,Deal ID'];
  for (let i = 1; i <= n; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(
      `2026-03-${day},Customer ${i % 50},c${i % 50}@example.com,${i}.50,EUR,${i % 3 === 0 ? 'lost' : 'won'},Plan ${i % 4},SPIN;Demo,${(i % 5) + 1},D-${i}`,
    );
  }
  return lines.join(eol) + eol;
}

/**
 * Pacing that stops a run after its first progress report until released: `holding` settles
 * once it stops there (between two steps of an import, inside a dry run's transaction).
 */
export function paused() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const holding = new Promise<void>((resolve) => (reached = resolve));
  const pacing = {
    onProgress: () => undefined,
    progressIntervalMs: 0,
    afterProgress: async () => {
      reached();
      await released;
    },
  };
  return { holding, release, pacing };
}

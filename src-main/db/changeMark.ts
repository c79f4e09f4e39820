import type Database from 'better-sqlite3';

/**
 * What tells whether a database changed between two looks through one long-lived connection:
 * `total_changes()` counts the rows this connection wrote, and `PRAGMA data_version` changes
 * whenever another connection (the CLI, a second window) commits. Both are exact and cost
 * nothing, where a max(rowid)/updated_at fingerprint misses deletions and the header's change
 * counter is not kept up to date in WAL mode. Read it between transactions: inside one, its own
 * uncommitted rows count.
 */
export const changeMark = (sqlite: Database.Database): string =>
  `${String(sqlite.prepare('SELECT total_changes()').pluck().get())}:${String(sqlite.pragma('data_version', { simple: true }))}`;

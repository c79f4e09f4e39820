/**
 * SQL: `column` (a table's id, or a key to it) from `from` to `to`, the rows of one pass of a
 * fill or catch-up that goes a few thousand ids at a time, marked as selecting few of them
 * (likelihood). Without statistics for the rows being added (a bulk write catches up before it
 * commits, and only then are they refreshed) SQLite took a pass over the decided sales through
 * the index on their status, read whole on every pass: at a million
 * sales, 50 passes over 850,000 entries each, 52 ms a pass instead of 12 by the id range.
 */
export const idsBetween = (column: string, from: number, to: number): string =>
  `likelihood(${column} BETWEEN ${Number(from)} AND ${Number(to)}, 0.001)`;

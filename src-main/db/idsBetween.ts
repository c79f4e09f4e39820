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

/**
 * SQL: the lowest and highest `column` of `table` where `where` holds, as `min` and `max`: each
 * by a query of its own, which SQLite answers from one end of the rowid or of an index (the
 * import batch's; the customer's, whose entries hold the sale's id). Asked together in one query,
 * min() and max() read every row of the range: at a million sales, 200 ms for the check-ins a
 * catch-up adds, against a fraction of a millisecond.
 */
export const idEnds = (table: string, where = '1', column = 'id'): string =>
  `SELECT (SELECT min(${column}) FROM ${table} WHERE ${where}) AS min,
     (SELECT max(${column}) FROM ${table} WHERE ${where}) AS max`;

/**
 * SQL over `$c`: the customers of the rows with ids above `since`'s in each of its tables (a bulk
 * write's catch-up), each table read by its id range. The lists are joined by UNION ALL, as IN
 * drops repeats itself: joined by UNION, SQLite merged them in customer order, reading each whole
 * from its index by customer (at a million sales, 0.3 s for the 49,000 calls the demo adds last).
 */
export const customersOfRowsAfter = (since: Readonly<Record<string, number>>): string =>
  `$c IN (${Object.entries(since)
    .map(([table, id]) => `SELECT customer_id FROM ${table} WHERE id > ${Number(id)}`)
    .join(' UNION ALL ')})`;

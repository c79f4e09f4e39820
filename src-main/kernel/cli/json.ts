import type { App } from './context';

/**
 * The one `--json` convention of every command: snake_case keys (scripts and spreadsheets
 * read them without a case conversion), a list is a plain array of such objects (a count
 * that was cut short is said on stderr, not wrapped around the list), money is whole minor
 * units next to its currency code. The app's objects are camelCase; this is the one place
 * they are translated, so a command never maps its fields by hand.
 */

/** "customerName" → "customer_name", "sourceSha256" → "source_sha256"; snake_case stays as it is. */
export function snakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * The value with every object key in snake_case, at any depth; arrays stay arrays. Keys
 * that are data rather than names (an import mapping's field names) are already lowercase
 * and pass through unchanged.
 */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [snakeCase(key), snakeKeys(inner)]));
  return value;
}

/** What a command prints for `--json`: the value in the convention above, indented. */
export function toJson(value: unknown): string {
  return JSON.stringify(snakeKeys(value), null, 2);
}

/**
 * Prints one page of a list as `--json` does: the array alone. When `--limit` (or the
 * command's ceiling) cut it short, stderr says how many there are, as a table's footer does.
 */
export function printJsonList(
  app: App,
  page: { items: readonly unknown[]; total: number },
  /** The catalogue key of the table's footer, e.g. `cli.sales.total` ("5 of 500 sales"). */
  totalKey: string,
): void {
  if (page.total > page.items.length)
    app.io.stderr(`rapport: ${app.t(totalKey, { shown: page.items.length, total: page.total })}.\n`);
  app.print(toJson(page.items));
}

/**
 * Formula-injection safety for CSV cells (OWASP "CSV Injection"). Spreadsheets run a cell
 * that starts with `=`, `+`, `-` or `@` (and, after trimming, one that starts with a tab or
 * a line break) as a formula, so a customer named `=HYPERLINK(...)` could act when the
 * seller opens an export. Such a cell is written with a leading single quote, which
 * spreadsheets show as plain text.
 *
 * The pair is an exact inverse so that our own importer reads back the original value.
 * A value that itself starts with a quote is quoted once more: without that, `'=1` and
 * `=1` would both export as `'=1` and one of them could not come back.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n']);
const QUOTE = "'";

/** The text to write in a CSV cell for `text`. */
export function neutraliseCell(text: string): string {
  const first = text.charAt(0);
  return TRIGGERS.has(first) || first === QUOTE ? QUOTE + text : text;
}

/**
 * The original value of a cell written by neutraliseCell. Only a quote followed by a
 * trigger or another quote is removed, so a cell like `'80s music` in somebody else's file
 * is left as it is.
 */
export function unneutraliseCell(text: string): string {
  const second = text.charAt(1);
  return text.startsWith(QUOTE) && (TRIGGERS.has(second) || second === QUOTE) ? text.slice(1) : text;
}

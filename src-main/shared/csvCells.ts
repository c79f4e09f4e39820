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

/**
 * Several names in one cell (a sale's techniques, a customer's tags), so that they come back
 * exactly. Plain `a; b` while no name holds `;`, `,` or `|` (which hand-made files use to
 * separate names) and the first does not start with `[`; otherwise a JSON array of strings,
 * `["SPIN; Demo", "Closing"]`, which a spreadsheet shows as it is and decodeListCell reads
 * back exactly. An empty list is an empty cell.
 */
export function encodeListCell(items: readonly string[]): string {
  const plain = items.every((item) => !/[;,|]/.test(item)) && !(items[0] ?? '').startsWith('[');
  return plain ? items.join('; ') : JSON.stringify(items);
}

/**
 * The names in a list cell: a JSON array of strings exactly (our exports, see encodeListCell),
 * else the cell split on `separators` (hand-made files: `SPIN; Demo`, `a|b`), each name
 * trimmed, empty ones dropped. A cell that starts with `[` but is not such an array is split.
 */
export function decodeListCell(cell: string, separators: RegExp): string[] {
  if (cell.startsWith('[') && cell.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(cell);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string'))
        return (parsed as string[]).map((item) => item.trim()).filter(Boolean);
    } catch {
      // Not JSON: a hand-made cell such as `[VIP]; gold`, split below.
    }
  }
  return cell
    .split(separators)
    .map((item) => item.trim())
    .filter(Boolean);
}

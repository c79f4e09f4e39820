export type Align = 'left' | 'right';
export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: Align;
  /** Longer cells are cut with an ellipsis so one long title cannot wreck the table. */
  max?: number;
}

function clip(text: string, max: number | undefined): string {
  const flat = text.replace(/\s+/g, ' ');
  return max !== undefined && flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A plain-text table with aligned columns; numbers go right-aligned. */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => clip(c.value(row), c.max)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => (columns[i]!.align === 'right' ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** "Label   value" lines with the labels padded to one width; numbers read best right-aligned. */
export function summary(pairs: readonly (readonly [string, string])[], values: Align = 'left'): string {
  const width = Math.max(...pairs.map(([label]) => label.length));
  const valueWidth = Math.max(...pairs.map(([, value]) => value.length));
  return pairs
    .map(([label, value]) => `  ${label.padEnd(width)}  ${values === 'right' ? value.padStart(valueWidth) : value}`)
    .join('\n');
}

export const orDash = (value: string | number | null | undefined): string =>
  value === null || value === undefined || value === '' ? '—' : String(value);

/** A file's size for people: "12 KB", "3.4 MB". */
export function fileSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

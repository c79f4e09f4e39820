import {
  fieldsOf,
  REQUIRED_FIELDS,
  type ImportIssue,
  type ImportKind,
  type ImportMapping,
  type ImportOptions,
  type ImportPreview,
  type ImportProgress,
  withEdits,
} from '../../../../src-main/features/imports/contract';

/** Why the Import button is not offered yet, in the order the user should fix things. */
export type Blocker = 'missingFields' | 'chooseDateFormat' | 'invalidRows' | 'nothingNew';

export function importBlocker(preview: ImportPreview, skipInvalid: boolean): Blocker | null {
  if (preview.missingFields.length > 0) return 'missingFields';
  if (preview.settings.dateFormat === null && preview.ambiguousDates.length > 0) return 'chooseDateFormat';
  if (preview.counts.rejected > 0 && !skipInvalid) return 'invalidRows';
  if (preview.counts.insert === 0) return 'nothingNew';
  return null;
}

/** One column of the preview table: a canonical field and the file's column it reads. */
export interface PreviewColumn {
  field: string;
  header: string;
  index: number;
}

/** The preview shows the file as it will be read: mapped fields only, in the contract's order. */
export function previewColumns(kind: ImportKind, preview: ImportPreview): PreviewColumn[] {
  return fieldsOf(kind).flatMap((field) => {
    const header = preview.suggestedMapping[field];
    const index = header === undefined ? -1 : preview.headers.indexOf(header);
    return index === -1 ? [] : [{ field, header: header!, index }];
  });
}

/** The first problem of each field in a row, for marking its cell. */
export function issuesByField(errors: readonly ImportIssue[]): Map<string, ImportIssue> {
  const byField = new Map<string, ImportIssue>();
  for (const issue of errors) if (!byField.has(issue.field)) byField.set(issue.field, issue);
  return byField;
}

export const isRequired = (kind: ImportKind, field: string): boolean => REQUIRED_FIELDS[kind].includes(field);

/**
 * A saved mapping applied exactly: fields it does not name are unmapped rather than left to
 * the header suggestions, so a mapping behaves the same on every file it is used for.
 */
export function applySavedMapping(kind: ImportKind, saved: Readonly<Record<string, string>>): ImportMapping {
  return Object.fromEntries(fieldsOf(kind).map((field) => [field, saved[field] ?? null]));
}

/** The mapping after the user points `field` at `header` (null: do not import it). */
export function remap(options: ImportOptions, field: string, header: string | null): ImportOptions {
  return { ...options, mapping: { ...options.mapping, [field]: header } };
}

/**
 * The mapping the editor shows and saves: the user's choices applied to the suggestion from the
 * file's headers, as the backend applies them (withEdits), so a choice counts before its preview
 * has come.
 */
export const shownMapping = (options: ImportOptions, preview: ImportPreview): Record<string, string> =>
  withEdits(preview.suggestion, options.mapping);

/**
 * Seconds left, from the bytes still to read at the rate rows have been arriving. Null until
 * there is a rate to go by (the first progress events come before any rows are counted).
 */
export function secondsLeft(progress: ImportProgress): number | null {
  if (progress.rows === 0 || progress.bytes === 0 || progress.rowsPerSecond <= 0) return null;
  const bytesPerSecond = (progress.bytes / progress.rows) * progress.rowsPerSecond;
  return Math.max(0, Math.ceil((progress.totalBytes - progress.bytes) / bytesPerSecond));
}

/** Share of the file read, 0–1; files report their size, so this is exact for bytes read. */
export function fractionDone(progress: ImportProgress): number {
  return progress.totalBytes > 0 ? Math.min(1, progress.bytes / progress.totalBytes) : 0;
}

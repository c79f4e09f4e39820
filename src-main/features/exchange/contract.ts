import { z } from 'zod';
import { IsoDateSchema, type Language } from '../../shared/domain';
import { query } from '../../shared/operations';
import { EXPORT_KINDS, CSV_DIALECTS } from './choices';
export { EXPORT_KINDS, CSV_DIALECTS } from './choices';

/**
 * Contract shapes of export, backup, restore and the file dialogs that pick their paths.
 * A path crossing IPC is only a string here; main decides whether it may be used
 * (services/exchange/paths.ts).
 */
export const FilePath = z.string().min(1).max(4096);

export type ExportKind = (typeof EXPORT_KINDS)[number];

export const CsvDialect = z.enum(CSV_DIALECTS);
export type CsvDialect = z.infer<typeof CsvDialect>;
/** The dialect a spreadsheet in the seller's language expects. */
export const dialectFor = (language: Language): CsvDialect => (language === 'it' ? 'semicolon' : 'comma');

export const ExportRequest = z.object({
  kind: z.enum(EXPORT_KINDS),
  path: FilePath,
  /** The settings language's dialect (dialectFor) when absent. */
  dialect: CsvDialect.optional(),
  /** The native save dialog has already asked the user before replacing a file. */
  overwrite: z.boolean().default(false),
});
export const ExportResult = z.object({ path: z.string(), rows: z.int(), bytes: z.int() });

export const BackupRequest = z.object({ path: FilePath, overwrite: z.boolean().default(false) });
export const BackupResult = z.object({ path: z.string(), bytes: z.int() });

export const RestoreRequest = z.object({ path: FilePath });
export const RestoreResult = z.object({
  restoredFrom: z.string(),
  /** Where the database that was replaced was kept; null when there was none. */
  previousSavedAs: z.string().nullable(),
});

export const SAVE_PURPOSES = [
  'export-sales',
  'export-customers',
  'backup',
  'export-ics',
  'coach-pdf',
  'coach-csv',
  'report-pdf',
  'report-csv',
  'report-json',
] as const;
/** `highlights`: a Kindle, Goodreads or Readwise file for the library (read under the import's rules). */
/** `coach-report`: a seller's JSON report for the coach workspace. */
export const OPEN_PURPOSES = ['restore', 'import', 'highlights', 'coach-report'] as const;
export type SavePurpose = (typeof SAVE_PURPOSES)[number];
export type OpenPurpose = (typeof OPEN_PURPOSES)[number];
/** The renderer names what the file is for; main picks the title, name and filters. */
export const SaveDialogRequest = z.object({
  purpose: z.enum(SAVE_PURPOSES),
  /** A report's period: its file is named after it (ignored by the other purposes). */
  period: z.object({ from: IsoDateSchema, to: IsoDateSchema }).optional(),
});
export type SaveDialogRequest = z.infer<typeof SaveDialogRequest>;
export const OpenDialogRequest = z.object({ purpose: z.enum(OPEN_PURPOSES) });
/** null when the user cancelled. */
export const DialogResult = z.object({ path: z.string().nullable() });

/**
 * Export, backup, restore; paths come from the native dialogs. None changes a record while the
 * app runs: a restore swaps the whole database, after which the app relaunches (the preview
 * reopens the store and announces every entity itself).
 */
export const exchangeOps = {
  'data.export': query(ExportRequest, ExportResult),
  'data.backup': query(BackupRequest, BackupResult),
  'data.restore': query(RestoreRequest, RestoreResult),
  'dialog.saveFile': query(SaveDialogRequest, DialogResult),
  'dialog.openFile': query(OpenDialogRequest, DialogResult),
} as const;

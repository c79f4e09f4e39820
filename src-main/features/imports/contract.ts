import { z } from 'zod';
import { Currency, Id } from '../../shared/domain';
import { command, Empty, query } from '../../shared/operations';

/**
 * The import contract: options the wizard and the CLI pass, and what they get back.
 * Key names of ImportResult are the CLI's stable `--json` contract (snake_case, like stats).
 */
export const IMPORT_KINDS = ['sales', 'customers'] as const;
export const ImportKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKind>;

/** Canonical fields a column can map to. `date` is the closing day (won/lost) or opening day (open). */
export const SALE_FIELDS = [
  'date',
  /** Optional: the day a won or lost deal was opened (else the closing day is used). */
  'opened_on',
  'customer',
  'customer_email',
  'product',
  'amount',
  'currency',
  'status',
  'stage',
  'technique',
  'satisfaction',
  'nps',
  'title',
  'notes',
  'lost_reason',
  'external_id',
  /**
   * The customer's id in the file (a Rapport export's `customer_id`): rows with one id are one
   * customer, rows with two ids two customers, whatever their names (see writer.ts).
   */
  'customer_id',
] as const;
export const CUSTOMER_FIELDS = [
  'name',
  'company',
  'email',
  'phone',
  'segment',
  'industry',
  'region',
  'company_size',
  'acquisition_source',
  'tags',
  'notes',
  'external_id',
  /** The row's id in the file (a Rapport export's `id`), which a sales file's `customer_id` refers to. */
  'id',
] as const;
export const REQUIRED_FIELDS: Readonly<Record<ImportKind, readonly string[]>> = {
  sales: ['date', 'customer', 'amount', 'status'],
  customers: ['name'],
};
export const fieldsOf = (kind: ImportKind): readonly string[] => (kind === 'sales' ? SALE_FIELDS : CUSTOMER_FIELDS);

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export const Encoding = z.enum(ENCODINGS);
export type Encoding = z.infer<typeof Encoding>;
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export const Delimiter = z.enum(DELIMITERS);
export type Delimiter = z.infer<typeof Delimiter>;
export const DATE_FORMATS = ['yyyy-MM-dd', 'dd/MM/yyyy', 'MM/dd/yyyy', 'dd.MM.yyyy'] as const;
export const DateFormat = z.enum(DATE_FORMATS);
export type DateFormat = z.infer<typeof DateFormat>;
export const DecimalSeparator = z.enum([',', '.']);
export type DecimalSeparator = z.infer<typeof DecimalSeparator>;

/** Canonical field -> header in the file; null unmaps a column the suggestion picked. */
export const ImportMapping = z.record(z.string().max(40), z.string().max(500).nullable());
export type ImportMapping = z.infer<typeof ImportMapping>;

/**
 * `mapping` with the user's `edits` applied: a null edit unmaps its field, and a column chosen for
 * a field is no longer another field's. The backend applies them to its suggestion; the mapping
 * editor to the preview's, so a choice shows (and is saved) at once, before the preview comes again.
 * Applying edits already applied changes nothing.
 */
export function withEdits(
  mapping: Readonly<Record<string, string>>,
  edits: ImportMapping | undefined,
): Record<string, string> {
  const result = { ...mapping };
  for (const [field, header] of Object.entries(edits ?? {})) {
    if (header === null) delete result[field];
    else {
      for (const [other, h] of Object.entries(result)) if (h === header && other !== field) delete result[other];
      result[field] = header;
    }
  }
  return result;
}

export const ImportOptions = z
  .object({
    mapping: ImportMapping.optional(),
    delimiter: Delimiter.optional(),
    encoding: Encoding.optional(),
    dateFormat: DateFormat.optional(),
    decimal: DecimalSeparator.optional(),
    /** For rows without a currency column or value; the settings currency by default. */
    currency: Currency.optional(),
  })
  .strict();
export type ImportOptions = z.infer<typeof ImportOptions>;

/**
 * `line` is the physical line where the record starts in the file (the header is line 1);
 * `values.got` is the cell as read, when there is one.
 */
export const ImportIssue = z.object({
  line: z.int(),
  field: z.string(),
  column: z.string().nullable(),
  /** In English, for the CLI. */
  message: z.string(),
  /** The same, as a message key (`importIssues.*` in the catalogue, or a schema's `errors.*`) and its values, to word in any language. */
  key: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

/** What was detected (or given) and used to read the file. */
export const ImportSettings = z.object({
  encoding: Encoding,
  delimiter: Delimiter,
  decimal: DecimalSeparator,
  /** null while the dates are ambiguous (both dd/MM and MM/dd read them) and no format was given. */
  dateFormat: DateFormat.nullable(),
  mapping: z.record(z.string(), z.string()),
});
export type ImportSettings = z.infer<typeof ImportSettings>;

export const ImportResult = z.object({
  /** null for a dry run, a refused import, or when nothing new was found. */
  batch_id: Id.nullable(),
  dry_run: z.boolean(),
  inserted: z.int(),
  duplicates: z.int(),
  skipped: z.int(),
  customers_created: z.int(),
  /** The first MAX_LISTED_ERRORS row errors; error_count has them all. */
  errors: z.array(ImportIssue),
  error_count: z.int(),
  rejected_file: z.string().nullable(),
  settings: ImportSettings,
});
export type ImportResult = z.infer<typeof ImportResult>;

/** The first value only one reading fits (15/01/2026 on line 3 can only be day-first). */
export const DateEvidence = z.object({
  line: z.int(),
  value: z.string(),
  format: z.enum(['dd/MM/yyyy', 'MM/dd/yyyy']),
});
export type DateEvidence = z.infer<typeof DateEvidence>;

export const ImportPreview = z.object({
  settings: ImportSettings,
  headers: z.array(z.string()),
  /** Suggested from the headers (English, Italian, CRM exports), with the caller's edits applied. */
  suggestedMapping: z.record(z.string(), z.string()),
  /** The mapping suggested by the headers alone, which the user's edits are applied to (withEdits). */
  suggestion: z.record(z.string(), z.string()),
  missingFields: z.array(z.string()),
  rows: z.array(z.object({ line: z.int(), cells: z.array(z.string()), errors: z.array(ImportIssue) })),
  /**
   * Why the dates are read day-first or month-first without asking: the first value only that
   * reading fits (15/01/2026 on line 3). null when the format was given, or settled otherwise.
   */
  dateEvidence: DateEvidence.nullable(),
  /** Rows whose date reads differently as dd/MM/yyyy and as MM/dd/yyyy (at most 50). */
  ambiguousDates: z.array(z.object({ line: z.int(), value: z.string(), dayFirst: z.string(), monthFirst: z.string() })),
  counts: z.object({
    rows: z.int(),
    insert: z.int(),
    duplicates: z.int(),
    rejected: z.int(),
    customersCreated: z.int(),
  }),
  errors: z.array(ImportIssue),
  /** Set when a file with the same content was imported before (and not undone). */
  alreadyImported: z.object({ batchId: Id, createdAt: z.string() }).nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportBatch = z.object({
  id: Id,
  kind: ImportKind,
  sourceName: z.string(),
  sourceSha256: z.string(),
  options: z.record(z.string(), z.unknown()),
  inserted: z.int(),
  duplicates: z.int(),
  skipped: z.int(),
  customersCreated: z.int(),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
});
export type ImportBatch = z.infer<typeof ImportBatch>;

export const ImportUndoResult = z.object({
  batchId: Id,
  salesRemoved: z.int(),
  customersRemoved: z.int(),
  /** Customers the batch created that other sales now refer to, so they stay. */
  customersKept: z.int(),
});
export type ImportUndoResult = z.infer<typeof ImportUndoResult>;

export const SavedMapping = z.object({
  id: Id,
  name: z.string(),
  kind: ImportKind,
  mapping: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedMapping = z.infer<typeof SavedMapping>;

export const SaveMappingInput = z.object({
  name: z.string().trim().min(1, { error: 'errors.required' }).max(80, { error: 'errors.tooLong' }),
  kind: ImportKind,
  mapping: z.record(z.string().max(40), z.string().max(500)),
});

/** A native open dialog in the shell supplies this; the backend reads the file itself. */
export const ImportFile = z.string().trim().min(1).max(4096);

export const ImportProgress = z.object({
  rows: z.int(),
  bytes: z.int(),
  totalBytes: z.int(),
  rowsPerSecond: z.number(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/**
 * The import wizard: preview (a dry run), run, cancel, history, undo, saved column mappings. A
 * run adds customers, sales, the products and techniques they name, and the check-ins of won
 * sales; an undo removes the batch's sales (their pending check-ins go with them) and the
 * customers only it created.
 */
export const importOps = {
  'import.preview': query(
    z.object({ path: ImportFile, kind: ImportKind, options: ImportOptions.default({}) }),
    ImportPreview,
  ),
  'import.run': command(
    z.object({
      path: ImportFile,
      kind: ImportKind,
      options: ImportOptions.default({}),
      skipInvalid: z.boolean().default(false),
      dryRun: z.boolean().default(false),
    }),
    ImportResult,
    { writes: ['customers', 'sales', 'products', 'techniques', 'care'] },
  ),
  'import.cancel': query(Empty, z.object({ cancelled: z.boolean() })),
  'import.history': query(Empty, z.array(ImportBatch)),
  'import.undo': command(z.object({ batchId: Id }), ImportUndoResult, { writes: ['sales', 'customers', 'care'] }),
  'import.mappings.list': query(z.object({ kind: ImportKind.optional() }).optional(), z.array(SavedMapping)),
  'import.mappings.save': query(SaveMappingInput, SavedMapping),
} as const;

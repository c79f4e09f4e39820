import { performance } from 'node:perf_hooks';
import { refreshStatistics, type Store } from '../../db/connection';
import { holding } from '../../db/holder';
import type { Language } from '../../shared/domain';
import type {
  DateEvidence,
  DateFormat,
  ImportIssue,
  ImportKind,
  ImportOptions,
  ImportPreview,
  ImportProgress,
  ImportResult,
  ImportSettings,
} from './contract';
import { AppError } from '../../kernel/errors';
import { ambiguousDates, detectDateFormat, readsDifferently } from './dates';
import type { BatchWriter, Importer, RecordSource, RowContext, SourceRecord } from './importer';
import { IMPORTERS } from './importers';
import { ImportFileError, issueText } from './issues';
import { effectiveMapping, missingFields, resolveColumns, suggestMapping } from './mapping';
import { detectDecimal } from './numbers';
import { RejectedFile, rejectedPath } from './rejected';
import { openCsvSource } from './source';
import { startAutomaticBackup, type StartedBackup } from '../../db/backupFolder';
import { changeMark } from '../../db/changeMark';
import { takeBackBatch } from '../../db/importSteps';

/**
 * What an import writes through, and where the automatic backup before it goes; its file is
 * also named in the note a long import leaves (db/holder.ts).
 */
export type ImportStore = Pick<Store, 'db' | 'sqlite' | 'file' | 'verifyBackup' | 'damaged'>;

/** Errors listed in a result; error_count has them all (a bad 1M-row file must not list 1M). */
export const MAX_LISTED_ERRORS = 1000;
/** Rows (at least) read ahead to detect the decimal separator and the date format. */
const SAMPLE_ROWS = 500;
const PREVIEW_ROWS = 20;
const MAX_AMBIGUOUS = 50;

/** One run of the pipeline, whichever importer it feeds. */
export interface PipelineRequest {
  path: string;
  options: ImportOptions;
  /** Write the valid rows and save the others to <name>.rejected.csv; otherwise all or nothing. */
  skipInvalid: boolean;
  dryRun: boolean;
  /** Currency of rows that name none: the settings currency. */
  defaultCurrency: string;
  /** The language of the rejected-rows file's reasons (settings.language); English by default. */
  language?: Language;
  now: Date;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  progressIntervalMs?: number;
  /**
   * Awaited after each progress report, before more rows are read (a test seam: see
   * ImportPacing). Between two steps of an import written in steps, inside the one transaction
   * of a dry run; a cancel is seen right after.
   */
  afterProgress?: () => Promise<void>;
}

/** A run of the import wizard's or `rapport import`'s importers. */
export interface ImportRequest extends PipelineRequest {
  kind: ImportKind;
}

export class ImportCancelled extends AppError {
  constructor() {
    super('conflict', 'The import was cancelled; nothing was written.');
    this.name = 'ImportCancelled';
  }
}

/** Thrown inside the transaction to roll it back while still returning a result. */
class Rollback {
  constructor(readonly outcome: Outcome) {}
}

interface Outcome {
  result: ImportResult;
  sha256: string;
}

interface Prepared {
  source: RecordSource;
  /** The header row; null when the file has none (its first record was a row). */
  header: string[] | null;
  sample: SourceRecord[];
  settings: ImportSettings;
  /** The value that proved day-first or month-first, when that is how the format was settled. */
  dateEvidence: DateEvidence | null;
  ctx: RowContext | null;
  missing: string[];
}

/**
 * Opens the file, reads a sample, and settles how to read it: mapping, decimal separator and
 * date format (given, else detected). `tolerant` (the preview) reports a missing field or
 * ambiguous dates instead of refusing, so the wizard can ask.
 */
async function prepare<T>(
  importer: Importer<T>,
  path: string,
  options: ImportOptions,
  defaultCurrency: string,
  tolerant: boolean,
): Promise<Prepared> {
  const open = importer.open ?? openCsvSource;
  const source = await open(path, { encoding: options.encoding, delimiter: options.delimiter });
  try {
    const sample: SourceRecord[] = [];
    // Columns by position may come without a header: then its first record is a row.
    const headerIsData = importer.isData?.(source.headers) ?? false;
    if (headerIsData) sample.push({ line: 1, fields: source.headers });
    const header = headerIsData ? null : source.headers;
    while (sample.length < SAMPLE_ROWS) {
      const next = await source.batches.next();
      if (next.done) break;
      sample.push(...next.value);
    }
    let mapping: Record<string, string>;
    let columns: Record<string, number>;
    let missing: string[];
    if (importer.headers) {
      mapping = effectiveMapping(importer, source.headers, options.mapping);
      columns = resolveColumns(importer, source.headers, mapping, source.delimiter, tolerant);
      missing = missingFields(importer, mapping);
    } else {
      mapping = headerIsData ? {} : suggestMapping(importer, source.headers);
      columns = Object.fromEntries(importer.fields.map((field, i) => [field, i]));
      missing = [];
    }
    if (sample.length === 0) throw ImportFileError.of('noRows', { name: source.name });
    const valuesOf = (field: string | undefined): string[] =>
      field === undefined || columns[field] === undefined
        ? []
        : sample.map((r) => (r.fields[columns[field]!] ?? '').trim());

    const decimal = options.decimal ?? detectDecimal(valuesOf(importer.numberField)) ?? '.';
    let dateFormat: DateFormat | null = options.dateFormat ?? 'yyyy-MM-dd';
    let undecided = false;
    let dateEvidence: DateEvidence | null = null;
    if (!options.dateFormat && importer.dateField) {
      // Distinct values (each at its first line): date-fns' parse is slow and a sample repeats the same days.
      const column = columns[importer.dateField];
      const firstLines = new Map<string, number>();
      if (column !== undefined)
        for (const r of sample) {
          const value = (r.fields[column] ?? '').trim();
          if (!firstLines.has(value)) firstLines.set(value, r.line);
        }
      const detected = detectDateFormat([...firstLines].map(([value, line]) => ({ line, value })));
      if (detected.ambiguous && !tolerant) {
        const differing = [...firstLines.keys()].find((v) => readsDifferently(v) !== null)!;
        const name = mapping[importer.dateField] ?? String(column! + 1);
        throw ImportFileError.of('ambiguousDates', {
          column: name,
          value: differing,
          ...readsDifferently(differing)!,
        });
      }
      dateFormat = detected.format;
      undecided = detected.undecided;
      dateEvidence = detected.evidence;
    }
    const settings: ImportSettings = {
      encoding: source.encoding,
      delimiter: source.delimiter,
      decimal,
      dateFormat,
      mapping,
    };
    const ctx: RowContext | null =
      missing.length > 0
        ? null
        : {
            columns,
            mapping,
            headerCount: source.headers.length,
            decimal,
            // While ambiguous (preview only), read day-first so the rows still show, flagged.
            dateFormat: dateFormat ?? 'dd/MM/yyyy',
            dayMonthUndecided: undecided || dateFormat === null,
            defaultCurrency: options.currency ?? defaultCurrency,
          };
    return { source, header, sample, settings, dateEvidence, ctx, missing };
  } catch (error) {
    source.close();
    throw error;
  }
}

type Inspect = (record: SourceRecord, issues: readonly ImportIssue[]) => void;

/** One import at a time per connection: its steps share the connection's temporary tables. */
const running = new WeakMap<object, Promise<unknown>>();
async function oneAtATime<R>(key: object, work: () => Promise<R>): Promise<R> {
  const before = running.get(key) ?? Promise.resolve();
  const turn = before.catch(() => undefined).then(work);
  running.set(key, turn);
  try {
    return await turn;
  } finally {
    if (running.get(key) === turn) running.delete(key);
  }
}

/**
 * One import = one batch. Rows stream from the file through validation to prepared inserts;
 * nothing is kept per row, so memory does not grow with the file. Writes nothing (not even the
 * rejected file) on a dry run, on invalid rows unless skipInvalid, on cancel, on a read error,
 * and when the file changed while it was read.
 *
 * A recorded import (one with a history, so one that can be taken back) that writes is
 * committed in steps, one per chunk of the file read: between two steps the connection is free,
 * so the seller's own saves and other processes' writes go in at once instead of waiting for
 * the whole file. Until the last step (which also brings the summary tables up to date) the
 * batch is marked running; a batch cut short is taken back (db/importSteps.ts: here on cancel
 * or failure, at the next open after a kill). A file of one chunk (256 KiB) is one step, and a
 * dry run or an importer without history is one transaction, rolled back or committed whole.
 */
async function execute<T>(
  store: ImportStore,
  importer: Importer<T>,
  req: PipelineRequest,
  prepared: Prepared,
  inspect?: Inspect,
): Promise<Outcome> {
  const { source, sample, settings } = prepared;
  const ctx = prepared.ctx!;
  const started = performance.now();
  const interval = req.progressIntervalMs ?? 100;
  let lastProgress = started;
  const counts = { rows: 0, inserted: 0, duplicates: 0, skipped: 0, customersCreated: 0, errorCount: 0 };
  const errors: ImportIssue[] = [];
  const language = req.language ?? 'en';
  // Written as the source is (delimiter, encoding), so it can be fixed and imported as it is.
  const rejected =
    req.skipInvalid && !req.dryRun ? new RejectedFile(rejectedPath(req.path), prepared.header, source, language) : null;
  const nowIso = req.now.toISOString();
  const stepwise = !req.dryRun && importer.history !== undefined;
  const progress = (): void =>
    req.onProgress?.({
      rows: counts.rows,
      bytes: source.bytesRead(),
      totalBytes: source.size,
      rowsPerSecond: Math.round(counts.rows / Math.max((performance.now() - started) / 1000, 0.001)),
    });

  let batchId: number | null = null;
  let writer: BatchWriter<T> | null = null;
  /** A step was committed: what went wrong after it is taken back, not rolled back. */
  let committed = false;

  const begin = (): BatchWriter<T> => {
    if (!importer.history) return importer.writer(store.sqlite, nowIso);
    batchId = Number(
      store.sqlite
        .prepare(
          `INSERT INTO import_batches (kind, source_name, source_sha256, options, created_at, running_pid)
           VALUES (?, ?, '', ?, ?, ?)`,
        )
        .run(
          importer.history.kind,
          source.name,
          JSON.stringify({ ...settings, skipInvalid: req.skipInvalid }),
          nowIso,
          process.pid,
        ).lastInsertRowid,
    );
    return importer.writer(store.sqlite, nowIso, batchId);
  };

  const maxRecords = importer.maxRecords ?? Infinity;
  const handle = (record: SourceRecord): void => {
    if (++counts.rows > maxRecords) throw ImportFileError.of('tooManyRows', { name: source.name, max: maxRecords });
    const row = importer.read(record, ctx);
    if (!row.ok) {
      counts.skipped++;
      counts.errorCount += row.issues.length;
      for (const issue of row.issues) if (errors.length < MAX_LISTED_ERRORS) errors.push(issue);
      rejected?.add(
        record.fields,
        row.issues.map((i) => `${i.column ?? i.field}: ${issueText(i, language)}`).join('; '),
      );
      inspect?.(record, row.issues);
      return;
    }
    // Bound to be taken back: the rest of the file is only read for its errors.
    if (stepwise && counts.errorCount > 0 && !req.skipInvalid) return;
    const outcome = writer!.write(row.value);
    if (outcome.inserted) {
      counts.inserted++;
      if (outcome.customerCreated) counts.customersCreated++;
    } else counts.duplicates++;
    inspect?.(record, []);
  };

  /** After the last row, in the last step: the result, or Rollback when nothing is to be kept. */
  const finish = (): Outcome => {
    source.checkUnchanged();
    writer!.close();
    progress();
    const failed = counts.errorCount > 0 && !req.skipInvalid;
    const result: ImportResult = {
      batch_id: batchId,
      dry_run: req.dryRun,
      inserted: failed ? 0 : counts.inserted,
      duplicates: failed ? 0 : counts.duplicates,
      skipped: counts.skipped,
      customers_created: failed ? 0 : counts.customersCreated,
      errors,
      error_count: counts.errorCount,
      rejected_file: null,
      settings,
    };
    const sha256 = source.sha256();
    if (req.dryRun || failed || counts.inserted === 0)
      throw new Rollback({ result: { ...result, batch_id: null }, sha256 });
    if (batchId !== null)
      store.sqlite
        .prepare(
          `UPDATE import_batches SET source_sha256 = ?, inserted = ?, duplicates = ?, skipped = ?, customers_created = ?,
             running_pid = NULL
         WHERE id = ?`,
        )
        .run(sha256, counts.inserted, counts.duplicates, counts.skipped, counts.customersCreated, batchId);
    return { result, sha256 };
  };

  // Kysely's transaction holds the connection, so no other handler's query slips into (and is
  // rolled back with) a step; between steps it is free.
  const inTransaction = <R>(work: () => R | Promise<R>): Promise<R> =>
    store.db.transaction().execute(async () => work());

  const run = async (): Promise<Outcome> => {
    let pending: readonly SourceRecord[] = sample;
    let mark = '';
    for (;;) {
      // Read ahead, between steps: a step's transaction covers writing only.
      const next = await source.batches.next();
      if (req.signal?.aborted) throw new ImportCancelled();
      const rows = pending;
      const step = (): Outcome | null => {
        if (writer === null) writer = begin();
        else if (changeMark(store.sqlite) !== mark) writer.forget?.();
        for (const record of rows) handle(record);
        return next.done ? finish() : null;
      };
      if (next.done) await backup?.checked;
      const outcome = stepwise ? await inTransaction(step) : step();
      if (outcome) return outcome;
      if (stepwise) {
        committed = true;
        mark = changeMark(store.sqlite);
      }
      pending = next.value as SourceRecord[];
      if (req.onProgress && performance.now() - lastProgress >= interval) {
        lastProgress = performance.now();
        progress();
        if (req.afterProgress) await req.afterProgress();
        if (req.signal?.aborted) throw new ImportCancelled();
      }
    }
  };

  let backup: StartedBackup | null = null;
  try {
    // The state before the import, kept as an automatic backup (a dry run writes nothing). It is
    // made before the first step: a copy made inside one would hold the rows being added. Its
    // check runs meanwhile and the last step waits for it; an import that writes nothing (rolled
    // back or taken back, failed check, error) removes it.
    if (!req.dryRun) backup = await startAutomaticBackup(store, 'before-import', req.now);
    // Another process's write that waits meanwhile is told which import holds the database
    // (db/holder.ts).
    const outcome = await oneAtATime(store.sqlite, () =>
      holding(store.file, { work: 'import', name: source.name, now: req.now }, async () => {
        if (stepwise)
          try {
            return await run();
          } catch (error) {
            // Should the takeback fail too (a full disk), the batch stays marked running and the
            // next open takes it back; the user hears what went wrong first.
            if (committed && batchId !== null)
              await inTransaction(() => takeBackBatch(store.sqlite, batchId!)).catch(() => undefined);
            throw error;
          }
        return inTransaction(run);
      }),
    );
    await backup?.keep();
    // The rows it added make the planner's statistics stale: brought up to date now, once, rather
    // than by the next open.
    if (!req.dryRun) refreshStatistics(store.sqlite);
    return { ...outcome, result: { ...outcome.result, rejected_file: rejected?.commit() ?? null } };
  } catch (error) {
    await backup?.discard();
    rejected?.discard();
    if (error instanceof Rollback) return error.outcome;
    throw error;
  } finally {
    source.close();
  }
}

/** Reads `req.path` with `importer` and writes it, all or nothing (see execute). */
export async function importWith<T>(
  store: ImportStore,
  importer: Importer<T>,
  req: PipelineRequest,
): Promise<ImportResult> {
  const prepared = await prepare(importer, req.path, req.options, req.defaultCurrency, false);
  return (await execute(store, importer, req, prepared)).result;
}

export const runImport = (store: ImportStore, req: ImportRequest): Promise<ImportResult> =>
  importWith(store, IMPORTERS[req.kind], req);

/**
 * What the wizard shows before anything is written: detected settings, headers, the
 * suggested mapping, the first rows with their errors, the dates that read differently by
 * day-first or month-first, and counts from a dry run over the whole file.
 */
export async function previewImport(
  store: ImportStore,
  req: Omit<ImportRequest, 'dryRun' | 'skipInvalid'>,
): Promise<ImportPreview> {
  const importer = IMPORTERS[req.kind];
  const prepared = await prepare(importer, req.path, req.options, req.defaultCurrency, true);
  const { source, sample, settings, missing } = prepared;
  const base = {
    settings,
    headers: source.headers,
    suggestedMapping: settings.mapping,
    suggestion: importer.headers ? suggestMapping(importer, source.headers) : settings.mapping,
    missingFields: missing,
    dateEvidence: prepared.dateEvidence,
    ambiguousDates: [] as ImportPreview['ambiguousDates'],
    alreadyImported: null,
  };
  if (prepared.ctx === null) {
    source.close();
    return {
      ...base,
      rows: sample.slice(0, PREVIEW_ROWS).map((r) => ({ line: r.line, cells: r.fields, errors: [] })),
      counts: { rows: 0, insert: 0, duplicates: 0, rejected: 0, customersCreated: 0 },
      errors: [],
    };
  }
  const rows: ImportPreview['rows'] = [];
  const dateColumn = importer.dateField === undefined ? undefined : prepared.ctx.columns[importer.dateField];
  // Proved day-first or month-first, the dates that would read differently need no question.
  const watchDates = dateColumn !== undefined && settings.dateFormat !== 'yyyy-MM-dd' && !prepared.dateEvidence;
  const inspect: Inspect = (record, issues) => {
    if (rows.length < PREVIEW_ROWS) rows.push({ line: record.line, cells: record.fields, errors: [...issues] });
    if (watchDates && base.ambiguousDates.length < MAX_AMBIGUOUS)
      base.ambiguousDates.push(
        ...ambiguousDates([{ line: record.line, value: (record.fields[dateColumn] ?? '').trim() }]),
      );
  };
  const { result, sha256 } = await execute(
    store,
    importer,
    { ...req, dryRun: true, skipInvalid: true },
    prepared,
    inspect,
  );
  const earlier = store.sqlite
    .prepare(
      `SELECT id, created_at FROM import_batches WHERE source_sha256 = ? AND undone_at IS NULL AND running_pid IS NULL
       ORDER BY id DESC LIMIT 1`,
    )
    .get(sha256) as { id: number; created_at: string } | undefined;
  return {
    ...base,
    rows,
    counts: {
      rows: result.inserted + result.duplicates + result.skipped,
      insert: result.inserted,
      duplicates: result.duplicates,
      rejected: result.skipped,
      customersCreated: result.customers_created,
    },
    errors: result.errors,
    alreadyImported: earlier ? { batchId: earlier.id, createdAt: earlier.created_at } : null,
  };
}

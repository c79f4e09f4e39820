import { stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { api, type Channel, type Input, type Output, type ParsedInput } from '../../shared/api';
import { translator } from '../../shared/locales/translate';
import { formatFor } from '../../shared/format';
import type { DB } from '../../db/schema';
import type { Handlers } from '../../kernel/handlers';
import { AppError, cancelled } from '../../kernel/errors';
import type { PickedFiles } from '../../kernel/picks';
import { produceFileAtomically, refuseExisting, writeFileAtomically } from '../../kernel/files';
import { checkFilePath } from '../../kernel/filePaths';
import { dialectFor } from '../exchange/contract';
import { goalJson } from '../goals';
import { periodLearning } from '../metrics';
import { buildReport, type ReportSources } from './build';
import {
  REPORT_AT_RISK_LISTED,
  type ReportFormat,
  type ReportOptions,
  type ReportSaveRequest,
  type ReportSaveResult,
} from './contract';
import { reportJson, validReport } from './json';
import { writeReportZip } from './csv';
import { reportHtml } from './html';
import { startChromium, type PdfPrinter } from './pdf';
import { activeGoalIds, customerNames, insertLogEntry, lastSeller, listLog } from './repository';
import { rowsPerSection } from './tables';

export interface ReportsContext {
  now: () => Date;
  tx: <T>(fn: (trx: Kysely<DB>) => Promise<T>) => Promise<T>;
  /** The other operations, as the app and the command line call them (assembled beside these). */
  handlers: () => Handlers;
  databaseFile: string;
  /**
   * Where a renderer calls (dialogs exist), the paths the user picked: report.save writes only
   * one picked in a save dialog (the Reports screen will add its own dialog purpose). Null for
   * callers at a terminal.
   */
  picks?: PickedFiles | null;
  /** Prints the report's HTML to PDF: Chromium by default; the app passes Electron's printToPDF. */
  printPdf?: PdfPrinter;
}

type ReportsChannel = 'report.build' | 'report.save' | 'report.log' | 'report.preview';

/**
 * Calls another operation as IPC would: its own schema parses the input first (defaults applied).
 * With a `signal` (a report.build the screen may cancel), each step first lets the thread hear
 * its messages (a turn of the event loop: the steps' statements would otherwise run back to
 * back), and the report stops there once cancelled.
 */
async function through<C extends Channel>(
  handlers: Handlers,
  channel: C,
  input: Input<C>,
  signal?: AbortSignal,
): Promise<Output<C>> {
  if (signal) {
    await new Promise((resolve) => setImmediate(resolve));
    if (signal.aborted) throw cancelled();
  }
  const parsed = api[channel].input.parse(input) as ParsedInput<C>;
  return (handlers[channel] as (input: ParsedInput<C>) => Promise<Output<C>>)(parsed);
}

export function reportSources(
  db: Kysely<DB>,
  ctx: Pick<ReportsContext, 'now' | 'handlers'>,
  signal?: AbortSignal,
): ReportSources {
  const step = <C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> =>
    through(ctx.handlers(), channel, input, signal);
  return {
    now: ctx.now,
    language: async () => (await step('settings.get', undefined)).language,
    stats: (from, to) => step('stats.summary', { from, to }),
    goalIds: () => activeGoalIds(db),
    goal: (id, asOf) => step('goals.get', { id, asOf }),
    goalJson,
    scorecard: (from, to, asOf) => step('goals.scorecard', { from, to, asOf }),
    care: (from, to) => step('care.metrics', { from, to }),
    atRisk: (asOf) => step('care.atRisk', { asOf, limit: REPORT_AT_RISK_LISTED }),
    techniques: (from, to) => step('techniques.stats', { from, to }),
    learning: (from, to) => periodLearning(db, from, to),
    journal: async (id) => {
      try {
        return await step('journal.get', { id });
      } catch (error) {
        if (error instanceof AppError && error.code === 'not_found') return null;
        throw error;
      }
    },
    customers: () => customerNames(db),
    lastSeller: () => lastSeller(db),
  };
}

const EXTENSION: Readonly<Record<ReportFormat, string>> = { json: '.json', csv: '.zip', pdf: '.pdf' };

/** An absolute path with the format's extension, never the live database (kernel/filePaths' rule). */
export const checkReportPath = (path: string, format: ReportFormat, databaseFile: string): string =>
  checkFilePath('report', path, databaseFile, { field: 'path', extensions: [EXTENSION[format]] });

/** The options as the log records them (the comment's length only: its text is in the file). */
const loggedOptions = (o: ReportOptions, paper: string, dialect: string | undefined) => ({
  sections: o.sections,
  compare: o.compare,
  anonymize: o.anonymize,
  journal_text: o.journalText,
  journal_ids: o.journalIds,
  comment: o.comment !== '',
  paper,
  ...(dialect && { dialect }),
});

export async function saveReport(
  db: Kysely<DB>,
  ctx: ReportsContext,
  request: ReportSaveRequest,
): Promise<ReportSaveResult> {
  const { format } = request;
  const file = checkReportPath(request.path, format, ctx.databaseFile);
  ctx.picks?.check('report', file);
  // Before the report is gathered and printed (seconds at a million sales), not after.
  if (!request.overwrite) refuseExisting(file);
  // The command line's Chromium starts while the report is gathered (at a million sales, most of
  // its start-up off the wait); the app prints with its own.
  const chromium = format === 'pdf' && ctx.printPdf === undefined ? startChromium(process.env) : undefined;
  try {
    return await writeReport(db, ctx, request, file, ctx.printPdf ?? chromium?.print);
  } finally {
    await chromium?.close();
  }
}

/** saveReport once the file is checked: `print` is the PDF's printer (none for the other formats). */
async function writeReport(
  db: Kysely<DB>,
  ctx: ReportsContext,
  { options, format, paper, overwrite, dialect }: ReportSaveRequest,
  file: string,
  print: PdfPrinter | undefined,
): Promise<ReportSaveResult> {
  const doc = validReport(await buildReport(reportSources(db, ctx), options));
  const t = translator(doc.language);
  let bytes: number;
  if (format === 'json') bytes = await writeFileAtomically(file, reportJson(doc), { overwrite });
  else if (format === 'csv') {
    let size = 0;
    await produceFileAtomically(
      file,
      async (temp) => {
        await writeReportZip(doc, t, dialect ?? dialectFor(doc.language), temp, ctx.now());
        size = (await stat(temp)).size;
      },
      { overwrite },
    );
    bytes = size;
  } else {
    const job = reportHtml(doc, { t, format: formatFor(doc.language), paper });
    const pdf = await print!(job);
    bytes = await writeFileAtomically(file, pdf, { overwrite });
  }
  const rows = rowsPerSection(doc);
  const logId = await ctx.tx((trx) =>
    insertLogEntry(trx, {
      createdAt: ctx.now().toISOString(),
      from: options.from,
      to: options.to,
      format,
      seller: doc.seller.name,
      options: loggedOptions(options, paper, format === 'csv' ? dialect : undefined),
      file,
      bytes,
      rows,
    }),
  );
  return { path: file, format, bytes, rows, logId };
}

export function reportsHandlers(db: Kysely<DB>, ctx: ReportsContext): Pick<Handlers, ReportsChannel> {
  return {
    'report.build': async (options, signal) => validReport(await buildReport(reportSources(db, ctx, signal), options)),
    'report.save': (request) => saveReport(db, ctx, request),
    'report.log': async (query) => listLog(db, query?.limit ?? 50),
    'report.preview': async ({ options, paper }, signal) => {
      const doc = validReport(await buildReport(reportSources(db, ctx, signal), options));
      const job = reportHtml(doc, { t: translator(doc.language), format: formatFor(doc.language), paper });
      return { html: job.html, rows: rowsPerSection(doc) };
    },
  };
}

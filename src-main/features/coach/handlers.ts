import { open as openFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Handlers } from '../../kernel/handlers';
import { AppError } from '../../kernel/errors';
import { checkFilePath } from '../../kernel/filePaths';
import { refuseExisting, writeFileAtomically } from '../../kernel/files';
import type { PickedFiles } from '../../kernel/picks';
import { formatFor } from '../../shared/format';
import { translator } from '../../shared/locales/translate';
import { dialectFor } from '../exchange/contract';
import { chromiumPrinter, type PdfPrinter } from '../reports';
import { getSettings } from '../settings';
import { COACH_MAX_BYTES, CoachReport, type CoachNote, type CoachOpenRequest } from './contract';
import type { Language } from '../../shared/domain';
import { readReport, refusal } from './read';
import { keepReport, listNotes, listReports, removeReport, saveNote } from './repository';
import { coachSummaryCsv, coachSummaryHtml } from './summary';

export interface CoachContext {
  now: () => Date;
  tx: <T>(fn: (trx: Kysely<DB>) => Promise<T>) => Promise<T>;
  databaseFile: string;
  /** Where a renderer calls: files only as picked in a dialog. Null at a terminal. */
  picks?: PickedFiles | null;
  printPdf?: PdfPrinter;
}

type CoachChannel = 'coach.list' | 'coach.open' | 'coach.remove' | 'coach.note' | 'coach.export';

/** The file's bytes, or a tooLarge refusal from its size alone: a huge file is never read into memory. */
async function readCapped(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await openFile(path, 'r');
  } catch {
    throw new AppError('invalid_input', 'coach.refused.unreadable', undefined, { file: path });
  }
  try {
    const size = (await handle.stat()).size;
    if (size > COACH_MAX_BYTES) throw refusal('tooLarge', path, { size, limit: COACH_MAX_BYTES });
    const buffer = Buffer.alloc(Math.min(size, COACH_MAX_BYTES + 1));
    let read = 0;
    while (read < buffer.length) {
      const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    // A file that grew since stat() is read to one byte past the limit, which readReport refuses.
    return buffer.subarray(0, read);
  } finally {
    await handle.close();
  }
}

/** Reads and checks a report (read.ts), then keeps it in one transaction; a refused file stores nothing. */
export async function openReport(db: Kysely<DB>, ctx: CoachContext, request: CoachOpenRequest): Promise<CoachReport> {
  let doc;
  let file: string;
  if ('path' in request) {
    file = checkFilePath('coach', request.path, ctx.databaseFile, { field: 'path' });
    ctx.picks?.check('coach', file);
    doc = readReport(await readCapped(file), file);
  } else {
    file = request.name;
    doc = readReport(request.text, file);
  }
  const at = ctx.now().toISOString();
  const kept = await ctx.tx((trx) => keepReport(trx, doc, file, at));
  return CoachReport.parse(kept);
}

/**
 * Writes the combined summary of `reports` (with the coach's notes) as CSV or PDF: the one writer
 * behind coach.export and `rapport coach summary`. The file appears complete or not at all.
 */
export async function writeSummary(
  reports: readonly CoachReport[],
  notes: readonly CoachNote[],
  format: 'pdf' | 'csv',
  file: string,
  o: { language: Language; now: Date; overwrite: boolean; printPdf?: PdfPrinter },
): Promise<{ path: string; bytes: number; rows: number }> {
  // Before Chromium starts, not after it has printed.
  if (!o.overwrite) refuseExisting(file);
  const t = translator(o.language);
  if (format === 'csv') {
    const { text, rows } = coachSummaryCsv(reports, notes, t, dialectFor(o.language));
    return { path: file, bytes: await writeFileAtomically(file, text, { overwrite: o.overwrite }), rows };
  }
  const job = coachSummaryHtml(reports, notes, { t, format: formatFor(o.language), now: o.now });
  const pdf = await (o.printPdf ?? chromiumPrinter(process.env))(job);
  return { path: file, bytes: await writeFileAtomically(file, pdf, { overwrite: o.overwrite }), rows: reports.length };
}

/** Reads and checks report files for a summary made outside the workspace (the command line): nothing is stored. */
export async function readReportFiles(paths: readonly string[], databaseFile: string): Promise<CoachReport[]> {
  const reports: CoachReport[] = [];
  for (const [i, path] of paths.entries()) {
    const file = checkFilePath('coach', path, databaseFile, { field: 'files' });
    const doc = readReport(await readCapped(file), file);
    reports.push({
      id: i + 1,
      file,
      openedAt: '',
      seller: doc.seller.name,
      from: doc.period.from,
      to: doc.period.to,
      document: doc,
    });
  }
  return reports;
}

export function coachHandlers(db: Kysely<DB>, ctx: CoachContext): Pick<Handlers, CoachChannel> {
  return {
    'coach.list': async () => ({ reports: await listReports(db), notes: await listNotes(db) }),
    'coach.open': (request) => openReport(db, ctx, request),
    'coach.remove': async ({ id }) => {
      if (!(await ctx.tx((trx) => removeReport(trx, id))))
        throw new AppError('not_found', 'coach.failures.notFound', undefined, { id });
      return { id };
    },
    'coach.note': ({ seller, text }) => ctx.tx((trx) => saveNote(trx, seller, text, ctx.now().toISOString())),
    'coach.export': async ({ format, path, overwrite }) => {
      const purpose = format === 'pdf' ? 'coach-pdf' : 'coach-csv';
      const file = checkFilePath(purpose, path, ctx.databaseFile, { field: 'path' });
      ctx.picks?.check(purpose, file);
      const [reports, notes, { language }] = await Promise.all([listReports(db), listNotes(db), getSettings(db)]);
      return writeSummary(reports, notes, format, file, {
        language,
        now: ctx.now(),
        overwrite,
        printPdf: ctx.printPdf,
      });
    },
  };
}

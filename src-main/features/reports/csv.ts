import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { csvDocument, type CsvColumn } from '../exchange';
import type { CsvDialect } from '../exchange/contract';
import type { Translate } from '../../shared/locales/translate';
import type { ReportDocument } from './contract';
import { headerOf, reportTables, type Cell, type ReportTable } from './tables';

/**
 * The CSV zip: one file per section (summary.csv, goals.csv, …), each written exactly like the
 * sales and customers exports (exchange's csvDocument: BOM, CRLF, the dialect's delimiter and
 * decimal mark, headers in the seller's language, free text neutralised against formulas).
 */

function columnsOf(table: ReportTable): CsvColumn<Cell[]>[] {
  return table.columns.map((c, i) => ({
    header: c.key,
    value: (row: Cell[]) => {
      const v = row[i];
      return v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? 'true' : 'false') : v;
    },
    ...(c.kind === 'text' ? { text: true as const } : c.kind === 'number' ? { decimal: true as const } : {}),
  }));
}

/** Each section's file name and CSV text. */
export function reportCsvFiles(
  doc: ReportDocument,
  t: Translate,
  dialect: CsvDialect,
): { name: string; text: string; rows: number }[] {
  return reportTables(doc).map((table) => ({
    name: `${table.name}.csv`,
    text: csvDocument(
      columnsOf(table),
      table.columns.map((c) => headerOf(t, c.key)),
      table.rows,
      dialect,
    ),
    rows: table.rows.length,
  }));
}

/** Writes the zip of the section files to `path` (a temporary name; the caller renames it). */
export async function writeReportZip(
  doc: ReportDocument,
  t: Translate,
  dialect: CsvDialect,
  path: string,
  mtime: Date,
): Promise<void> {
  const zip = new ZipFile();
  for (const file of reportCsvFiles(doc, t, dialect))
    zip.addBuffer(Buffer.from(file.text, 'utf8'), file.name, { mtime });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
}

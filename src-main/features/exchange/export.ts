import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { customersPage, salesPage, type SaleExportRow } from './repository';
import type { CustomerRow } from '../../db/schema';
import { encodeListCell, neutraliseCell } from '../../shared/csvCells';
import type { CsvDialect, ExportKind } from './contract';
import type { Language } from '../../shared/domain';
import { toMajorString } from '../../shared/money';
import { translator } from '../../shared/locales/translate';
import { writeFileAtomically, type AtomicOptions } from '../../kernel/files';

/**
 * CSV exports a spreadsheet opens correctly and our importer reads back unchanged:
 * UTF-8 with a BOM (without it Excel reads UTF-8 as the local code page), CRLF records and
 * RFC 4180 quoting, relations as ids and names, money as major units plus its code (and the
 * exact minor units), dates as ISO, and lists (techniques, tags) so that a name holding a
 * separator comes back whole (encodeListCell). The ids let the importer tell apart customers
 * of the same name (imports/writer.ts). Headers are in the seller's language, and the dialect
 * (CsvDialect) sets the delimiter and the decimal mark; dates stay ISO in every dialect: the
 * importer reads them without asking and spreadsheets in every locale recognise them.
 *
 * Formula injection: every free-text column goes through neutraliseCell. Numeric, date and
 * code columns are written raw: we format them ourselves from validated values (amounts are
 * never negative, so none can start with `-`), and quoting them would turn numbers into text
 * in the spreadsheet.
 */

export interface CsvColumn<R> {
  /** The header in English, and its key in the catalogue (exportColumns.<kind>.<header>). */
  header: string;
  value: (row: R) => string | number | null;
  /** Free text the user typed (or imported): neutralised against formula injection. */
  text?: true;
  /** A decimal number written with a dot, which the dialect may change to a comma. */
  decimal?: true;
}

/** Each dialect's delimiter and decimal mark. */
const DIALECTS: Readonly<Record<CsvDialect, { delimiter: string; decimal: string }>> = {
  comma: { delimiter: ',', decimal: '.' },
  semicolon: { delimiter: ';', decimal: ',' },
};

/** Ids in one cell (numbers: never ambiguous). */
const LIST_SEPARATOR = '; ';

const SALE_COLUMNS: readonly CsvColumn<SaleExportRow>[] = [
  { header: 'id', value: (s) => s.id },
  // The importer's canonical `date`: closed for won/lost, opened while open.
  { header: 'date', value: (s) => s.closed_on ?? s.opened_on },
  { header: 'title', value: (s) => s.title, text: true },
  { header: 'customer_id', value: (s) => s.customer_id },
  { header: 'customer', value: (s) => s.customer_name, text: true },
  { header: 'customer_email', value: (s) => s.customer_email, text: true },
  { header: 'product_id', value: (s) => s.product_id },
  { header: 'product', value: (s) => s.product_name, text: true },
  { header: 'amount', value: (s) => toMajorString(s.amount_minor, s.currency), decimal: true },
  { header: 'currency', value: (s) => s.currency },
  { header: 'amount_minor', value: (s) => s.amount_minor },
  { header: 'status', value: (s) => s.status },
  { header: 'stage', value: (s) => s.stage },
  { header: 'opened_on', value: (s) => s.opened_on },
  { header: 'closed_on', value: (s) => s.closed_on },
  { header: 'technique_ids', value: (s) => s.techniques.map((t) => t.id).join(LIST_SEPARATOR) },
  { header: 'techniques', value: (s) => encodeListCell(s.techniques.map((t) => t.name)), text: true },
  { header: 'satisfaction', value: (s) => s.satisfaction },
  { header: 'nps', value: (s) => s.nps },
  { header: 'lost_reason', value: (s) => s.lost_reason, text: true },
  { header: 'notes', value: (s) => s.notes, text: true },
  { header: 'created_at', value: (s) => s.created_at },
  { header: 'updated_at', value: (s) => s.updated_at },
  // The CRM's id of a sale that came from an import: re-importing this file then adds nothing.
  { header: 'external_id', value: (s) => s.external_id, text: true },
];

const CUSTOMER_COLUMNS: readonly CsvColumn<CustomerRow>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'name', value: (c) => c.name, text: true },
  { header: 'company', value: (c) => c.company, text: true },
  { header: 'email', value: (c) => c.email, text: true },
  { header: 'phone', value: (c) => c.phone, text: true },
  { header: 'segment', value: (c) => c.segment, text: true },
  { header: 'industry', value: (c) => c.industry, text: true },
  { header: 'region', value: (c) => c.region, text: true },
  { header: 'company_size', value: (c) => c.company_size, text: true },
  { header: 'acquisition_source', value: (c) => c.acquisition_source, text: true },
  { header: 'tags', value: (c) => encodeListCell(JSON.parse(c.tags) as string[]), text: true },
  { header: 'notes', value: (c) => c.notes, text: true },
  { header: 'archived_at', value: (c) => c.archived_at },
  { header: 'created_at', value: (c) => c.created_at },
  { header: 'updated_at', value: (c) => c.updated_at },
  { header: 'external_id', value: (c) => c.external_id, text: true },
];

export const SALE_HEADERS: readonly string[] = SALE_COLUMNS.map((c) => c.header);
export const CUSTOMER_HEADERS: readonly string[] = CUSTOMER_COLUMNS.map((c) => c.header);

const BOM = '\ufeff';
const PAGE_SIZE = 1000;

/** One page of records as CSV text. */
function csvLines(records: readonly (readonly string[])[], delimiter: string): string {
  // RFC 4180 says CRLF; csv-stringify quotes a field holding the record delimiter but not a
  // lone CR or LF, which would still break the row in other readers, hence quoted_match.
  return stringify(records as string[][], { delimiter, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

function toRecord<R>(row: R, columns: readonly CsvColumn<R>[], decimal: string): string[] {
  return columns.map((column) => {
    const value = column.value(row);
    if (value === null) return '';
    if (column.decimal) return String(value).replace('.', decimal);
    return column.text ? neutraliseCell(String(value)) : String(value);
  });
}

async function* csvChunks<R extends { id: number }>(
  columns: readonly CsvColumn<R>[],
  headers: readonly string[],
  dialect: CsvDialect,
  page: (afterId: number) => Promise<R[]>,
  counter: { rows: number },
): AsyncGenerator<string> {
  const { delimiter, decimal } = DIALECTS[dialect];
  yield BOM + csvLines([headers], delimiter);
  for (let afterId = 0; ;) {
    const rows = await page(afterId);
    if (rows.length === 0) return;
    counter.rows += rows.length;
    afterId = rows.at(-1)!.id;
    yield csvLines(
      rows.map((row) => toRecord(row, columns, decimal)),
      delimiter,
    );
  }
}

/**
 * A small table (rows already in memory) as one CSV text in exactly the exports' format: the
 * BOM, CRLF records, RFC 4180 quoting, the dialect's delimiter and decimal mark, and free text
 * neutralised against formula injection. The coach report's CSV zip writes its sections so.
 */
export function csvDocument<R>(
  columns: readonly CsvColumn<R>[],
  headers: readonly string[],
  rows: readonly R[],
  dialect: CsvDialect,
): string {
  const { delimiter, decimal } = DIALECTS[dialect];
  return (
    BOM +
    csvLines([headers], delimiter) +
    (rows.length === 0
      ? ''
      : csvLines(
          rows.map((row) => toRecord(row, columns, decimal)),
          delimiter,
        ))
  );
}

export interface ExportResult {
  path: string;
  rows: number;
  bytes: number;
}

export interface ExportOptions extends AtomicOptions {
  /** comma by default. */
  dialect?: CsvDialect;
  /** The headers' language; English by default. */
  language?: Language;
}

/**
 * Writes every sale or customer to `file`, atomically. Runs in one read transaction so the
 * file is one consistent moment of the data even if the app writes meanwhile (other calls
 * wait for it: seconds at 100,000 sales).
 */
export async function exportCsv(
  db: Kysely<DB>,
  kind: ExportKind,
  file: string,
  { dialect = 'comma', language = 'en', ...options }: ExportOptions = {},
): Promise<ExportResult> {
  const counter = { rows: 0 };
  const t = translator(language);
  const headers = (columns: readonly { header: string }[]): string[] =>
    columns.map((c) => t(`exportColumns.${kind}.${c.header}`));
  // Read only: one consistent state, without waiting for the write lock (db/connection.ts).
  const reading = db.transaction().setAccessMode('read only');
  const bytes = await reading.execute((trx) => {
    const chunks =
      kind === 'sales'
        ? csvChunks(SALE_COLUMNS, headers(SALE_COLUMNS), dialect, (after) => salesPage(trx, after, PAGE_SIZE), counter)
        : csvChunks(
            CUSTOMER_COLUMNS,
            headers(CUSTOMER_COLUMNS),
            dialect,
            (after) => customersPage(trx, after, PAGE_SIZE),
            counter,
          );
    return writeFileAtomically(file, chunks, options);
  });
  return { path: file, rows: counter.rows, bytes };
}

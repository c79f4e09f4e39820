import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import type { Language } from '../../shared/domain';
import { translator } from '../../shared/locales/translate';
import type { SourceDialect } from './importer';

const REJECTED_SUFFIX = '.rejected.csv';

/** `sales.csv` -> `sales.rejected.csv`, next to the source. */
export function rejectedPath(source: string): string {
  return join(dirname(source), `${basename(source, extname(source))}${REJECTED_SUFFIX}`);
}

/** A file an import wrote with the rows it left out (not a file the user chose to import). */
export const isRejectedFile = (name: string): boolean => name.toLowerCase().endsWith(REJECTED_SUFFIX);

/**
 * The rows an import left out, with their original values and a reason column worded in the
 * user's language, so the user can fix them in the spreadsheet and import that file as it is:
 * it is written in the source's own dialect (delimiter and encoding; the values are the
 * source's cells, so its decimal separator and dates too). Written under a temporary name and
 * renamed only once the import has committed: a crash never leaves a half file, and a
 * rolled-back import leaves none.
 */
export class RejectedFile {
  private fd: number | null = null;
  private readonly temp: string;

  constructor(
    readonly path: string,
    /** Null when the source had no header row. */
    private readonly headers: readonly string[] | null,
    private readonly dialect: SourceDialect,
    private readonly language: Language,
  ) {
    this.temp = `${path}.${process.pid}.tmp`;
  }

  add(fields: readonly string[], reason: string): void {
    if (this.fd === null) {
      this.fd = openSync(this.temp, 'w');
      // A BOM for Unicode files, so that Excel reads the accents right (Windows-1252 has none);
      // CRLF as RFC 4180 says.
      const bom = this.dialect.encoding === 'windows-1252' ? '' : '\uFEFF';
      const reasonHeader = translator(this.language)('import.rejectedReason');
      this.write(bom + (this.headers ? this.line([...this.headers, reasonHeader]) : ''));
    }
    this.write(this.line([...fields, reason]));
  }

  private line(values: readonly string[]): string {
    // Quoted where the dialect needs it, and where spaces at either end must survive a re-read.
    return stringify([values], {
      delimiter: this.dialect.delimiter,
      record_delimiter: '\r\n',
      quoted_match: /^\s|\s$/,
    });
  }

  private write(text: string): void {
    writeSync(this.fd!, iconv.encode(text, this.dialect.encoding));
  }

  /** Moves the file under its final name; null when no row was rejected. */
  commit(): string | null {
    if (this.fd === null) return null;
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.temp, this.path);
    return this.path;
  }

  discard(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.temp, { force: true });
  }
}

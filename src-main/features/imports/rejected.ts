import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

const quote = (value: string): string => (/[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** `sales.csv` -> `sales.rejected.csv`, next to the source. */
export function rejectedPath(source: string): string {
  return join(dirname(source), `${basename(source, extname(source))}.rejected.csv`);
}

/**
 * The rows an import left out, with their original values and a `reason` column, so the user
 * can fix them in the spreadsheet and import that file. Written under a temporary name and
 * renamed only once the import has committed: a crash never leaves a half file, and a
 * rolled-back import leaves none.
 */
export class RejectedFile {
  private fd: number | null = null;
  private readonly temp: string;

  constructor(
    readonly path: string,
    private readonly headers: readonly string[],
  ) {
    this.temp = `${path}.${process.pid}.tmp`;
  }

  add(fields: readonly string[], reason: string): void {
    if (this.fd === null) {
      this.fd = openSync(this.temp, 'w');
      // A BOM so that Excel reads the accents right; CRLF as RFC 4180 says.
      this.write(`\uFEFF${[...this.headers, 'reason'].map(quote).join(',')}\r\n`);
    }
    this.write(`${[...fields, reason].map(quote).join(',')}\r\n`);
  }

  private write(text: string): void {
    writeSync(this.fd!, text);
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

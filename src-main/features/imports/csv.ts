/**
 * A streaming CSV reader over UTF-8 bytes. It reads what csv-parse reads with the options
 * the importer used (any of CRLF, LF and CR ends a record; a quote inside an unquoted value,
 * or after a closing quote, is text; records may have any number of values) at several
 * times its speed: csv-parse copies every byte into a field buffer one call at a time, which
 * cost more than validating the row. Values are decoded straight from the file's bytes, so
 * none of them keeps a whole chunk of the file alive from a memo.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** One CSV record and the physical line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    readonly code: 'quote_not_closed' | 'record_too_long',
    /** The line the record starts on. */
    readonly line: number,
  ) {
    super(code === 'quote_not_closed' ? `quote not closed on line ${line}` : `record too long on line ${line}`);
    this.name = 'CsvError';
  }
}

/** Returned by `record` when the bytes end before the record does and more may come. */
const MORE = -1;

export class CsvReader {
  private readonly delimiter: number;
  /** The start of a record that the last chunk left unfinished. */
  private rest: Buffer | null = null;
  private line = 1;
  private fields: string[] = [];
  /** Line breaks inside quoted values of the record being read. */
  private breaks = 0;

  constructor(
    delimiter: string,
    private readonly maxRecordBytes: number,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Adds the records that `chunk` completes to `out`. */
  push(chunk: Buffer, out: CsvRecord[]): void {
    this.read(this.rest ? Buffer.concat([this.rest, chunk]) : chunk, false, out);
  }

  /** Adds the last record (a file need not end with a line break); throws if a quote never closes. */
  end(out: CsvRecord[]): void {
    if (this.rest) this.read(this.rest, true, out);
    this.rest = null;
  }

  private read(buf: Buffer, final: boolean, out: CsvRecord[]): void {
    let start = 0;
    while (start < buf.length) {
      const next = this.record(buf, start, final);
      // An unclosed quote would otherwise gather the rest of the file into one value.
      if ((next === MORE ? buf.length : next) - start > this.maxRecordBytes)
        throw new CsvError('record_too_long', this.line);
      if (next === MORE) break;
      out.push({ line: this.line, fields: this.fields });
      this.line += 1 + this.breaks;
      start = next;
    }
    this.rest = start < buf.length ? buf.subarray(start) : null;
  }

  /** Reads the record at `start` into `fields`; returns where the next one starts, or MORE. */
  private record(buf: Buffer, start: number, final: boolean): number {
    const n = buf.length;
    const d = this.delimiter;
    this.fields = [];
    this.breaks = 0;
    let i = start;
    for (;;) {
      let value = '';
      if (i < n && buf[i] === QUOTE) {
        // A quoted value: "" is a quote; the closing quote comes before a delimiter, a line
        // break or the end. A quote before anything else is text, and so is the rest of the value.
        let from = i + 1;
        let j = from;
        for (;;) {
          if (j >= n) {
            if (!final) return MORE;
            throw new CsvError('quote_not_closed', this.line);
          }
          const c = buf[j]!;
          if (c === QUOTE) {
            if (j + 1 >= n && !final) return MORE;
            const after = j + 1 < n ? buf[j + 1]! : -1;
            if (after === QUOTE) {
              value += buf.toString('utf8', from, j + 1);
              j += 2;
              from = j;
              continue;
            }
            value += buf.toString('utf8', from, j);
            i = j + 1;
            if (after !== -1 && after !== d && after !== LF && after !== CR) value = `"${value}"`;
            break;
          }
          if (c === LF) this.breaks++;
          else if (c === CR) {
            if (j + 1 >= n && !final) return MORE;
            if (buf[j + 1] !== LF) this.breaks++;
          }
          j++;
        }
      }
      let k = i;
      while (k < n) {
        const c = buf[k];
        if (c === d || c === LF || c === CR) break;
        k++;
      }
      if (k >= n && !final) return MORE;
      this.fields.push(k > i ? value + buf.toString('utf8', i, k) : value);
      if (k >= n) return n;
      if (buf[k] === d) {
        i = k + 1;
        continue;
      }
      if (buf[k] === LF) return k + 1;
      // CR: alone, or the first half of CRLF.
      if (k + 1 >= n && !final) return MORE;
      return buf[k + 1] === LF ? k + 2 : k + 1;
    }
  }
}

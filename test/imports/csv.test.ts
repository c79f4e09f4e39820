import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, CsvReader, type CsvRecord } from '../../src-main/features/imports/csv';

/** Feeds `bytes` to a reader cut at `cuts` (offsets), as a file stream would arrive. */
function readChunks(bytes: Buffer, delimiter: string, cuts: number[] = [], max = 4 * 2 ** 20): CsvRecord[] {
  const reader = new CsvReader(delimiter, max);
  const out: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    reader.push(bytes.subarray(from, cut), out);
    from = cut;
  }
  reader.push(bytes.subarray(from), out);
  reader.end(out);
  return out;
}

const failure = (read: () => unknown): string | null => {
  try {
    read();
    return null;
  } catch (error) {
    return error instanceof CsvError
      ? `${error.code} on line ${error.line}`
      : String((error as { code?: string }).code);
  }
};

/**
 * The reference: csv-parse with the options the importer used before it had its own reader,
 * and the physical line each record starts on (a line break inside quotes, CRLF counted once,
 * pushes the next record down).
 */
function reference(text: string, delimiter: string): CsvRecord[] {
  const records = parse(text, {
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
  }) as string[][];
  let line = 1;
  return records.map((fields) => {
    const record = { line, fields };
    line +=
      1 +
      fields
        .join('')
        .replace(/\r\n/g, '\n')
        .replace(/[^\r\n]/g, '').length;
    return record;
  });
}

describe('CsvReader', () => {
  it('reads quotes, doubled quotes, quoted line breaks and mixed line endings, with physical lines', () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\n"two\r\nlines",z\rlast,"\n"\n\nend';
    expect(readChunks(Buffer.from(text), ',')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\r\nlines', 'z'] },
      { line: 5, fields: ['last', '\n'] },
      { line: 7, fields: [''] },
      { line: 8, fields: ['end'] },
    ]);
  });

  it('keeps a quote inside an unquoted value, or after a closing quote, as text', () => {
    expect(readChunks(Buffer.from('5" screen,"a"b,c\n'), ',')).toEqual([
      { line: 1, fields: ['5" screen', '"a"b', 'c'] },
    ]);
  });

  it('decodes a character whose bytes arrive in two chunks', () => {
    const bytes = Buffer.from('Caffè,Nerò\n');
    const inE = bytes.indexOf(0xc3) + 1;
    expect(readChunks(bytes, ',', [inE])).toEqual([{ line: 1, fields: ['Caffè', 'Nerò'] }]);
  });

  it('refuses an unclosed quote, naming the line its record starts on', () => {
    expect(failure(() => readChunks(Buffer.from('a,b\nc,"d\ne,f\n'), ',', [5, 9]))).toBe('quote_not_closed on line 2');
  });

  it('refuses a record longer than the limit before reading the rest of the file into it', () => {
    const bytes = Buffer.from(`a,b\nc,"${'x'.repeat(100)}`);
    const cuts = [10, 20, 30];
    expect(failure(() => readChunks(bytes, ',', cuts, 50))).toBe('record_too_long on line 2');
    // The same record fits a larger limit, and is then only short of its closing quote.
    expect(failure(() => readChunks(bytes, ',', cuts, 200))).toBe('quote_not_closed on line 2');
  });

  it('reads what csv-parse reads, however the bytes are cut into chunks', () => {
    const piece = fc.constantFrom('a', 'b', ' ', 'é', '€', ',', ';', '"', '""', '\n', '\r', '\r\n');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
        fc.constantFrom(',', ';'),
        fc.array(fc.nat(), { maxLength: 6 }),
        (text, delimiter, cuts) => {
          const bytes = Buffer.from(text);
          const at = cuts.map((c) => c % (bytes.length + 1));
          const expected = failure(() => reference(text, delimiter));
          if (expected !== null) {
            expect(expected).toBe('CSV_QUOTE_NOT_CLOSED');
            expect(failure(() => readChunks(bytes, delimiter, at))).toMatch(/^quote_not_closed/);
          } else expect(readChunks(bytes, delimiter, at)).toEqual(reference(text, delimiter));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

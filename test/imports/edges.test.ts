import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding, firstInvalidUtf8 } from '../../src-main/features/imports/encoding';
import { dayIssue, parseDay } from '../../src-main/features/imports/dates';
import { storeForEachTest } from '../helpers/store';
import { contentHash, count, importFile, salesCsv, writeCsv } from './helpers';
import fc from 'fast-check';

/** Importer edges found by a hostile tester (issue 15, point 8): each a clear refusal, nothing written. */
const t = storeForEachTest();

async function refused(path: string, message: RegExp, extra = {}): Promise<void> {
  const before = contentHash(t.store.sqlite);
  const error = await importFile(t, path, extra).then(
    () => null,
    (e: Error) => e,
  );
  expect(error?.message).toMatch(message);
  expect(contentHash(t.store.sqlite)).toBe(before);
}

const HEADER = 'Date,Customer,Amount,Currency,Status\n';

describe('bad bytes are reported where they are', () => {
  it('a bad UTF-8 byte past several 256 KiB chunks: its exact byte and line, not its chunk', async () => {
    const good = Buffer.from(salesCsv(9000)); // ~700 KB: the bad byte lands in the third chunk
    expect(good.length).toBeGreaterThan(2 * 256 * 1024);
    const lines = good.toString().split('\n').length;
    const bad = Buffer.concat([good, Buffer.from('2026-01-02,Caf'), Buffer.from([0xe8]), Buffer.from(',1,EUR,won\n')]);
    await refused(
      writeCsv(t, 'late.csv', bad),
      new RegExp(`late\\.csv is not valid UTF-8 at line ${lines} \\(byte ${good.length + 14}\\)`),
    );
  });

  it('a character cut by a chunk boundary is fine; a bad byte right after the boundary is found there', async () => {
    // "è" (C3 A8) split across the first 256 KiB chunk's end, after rows that fill the chunk.
    const rows = [HEADER];
    let size = HEADER.length;
    for (let i = 0; size < 256 * 1024 - 100; i++) {
      const row = `2026-01-02,Customer ${i},1,EUR,won\n`;
      rows.push(row);
      size += row.length;
    }
    const line = `2026-01-02,${'x'.repeat(256 * 1024 - 1 - size - 11)}`;
    const text = Buffer.concat([Buffer.from(rows.join('') + line), Buffer.from('è,1,EUR,won\n')]);
    expect(text[256 * 1024 - 1]).toBe(0xc3);
    await importFile(t, writeCsv(t, 'cut.csv', text));
    expect(count(t, 'sales')).toBe(rows.length);

    const broken = Buffer.concat([Buffer.from(rows.join('') + line), Buffer.from([0xc3, 0x41, 0x2c, 0x31, 0x0a])]);
    await refused(
      writeCsv(t, 'cut-bad.csv', broken),
      new RegExp(`not valid UTF-8 at line ${rows.length + 1} \\(byte 262143\\)`),
    );
  });

  it('a file that ends inside a character names the byte where that character starts', async () => {
    const text = Buffer.concat([
      Buffer.from(`${HEADER}2026-01-02,A,1,EUR,won\n2026-01-03,B`),
      Buffer.from([0xe2, 0x82]),
    ]);
    // Read as UTF-8 (a file this short that is not valid UTF-8 would be taken for Windows-1252).
    await refused(writeCsv(t, 'end.csv', text), new RegExp(`at line 3 \\(byte ${text.length - 2}\\)`), {
      options: { encoding: 'utf-8' },
    });
  });

  it('firstInvalidUtf8 finds the first bad byte of any invalid text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        fc.constantFrom(0x80, 0xbf, 0xc0, 0xc3, 0xe8, 0xf0, 0xf5, 0xff),
        (a, b, byte) => {
          const before = Buffer.from(a, 'utf8');
          const bytes = Buffer.concat([before, Buffer.from([byte]), Buffer.from(b, 'utf8')]);
          expect(firstInvalidUtf8(bytes)).toBe(before.length);
        },
      ),
    );
  });

  it('a lone UTF-16 surrogate is refused with its line, not turned into "�"', async () => {
    const text = `${HEADER}2026-01-02,Rossi,1,EUR,won\n2026-01-03,Bianchi\uD83D,2,EUR,won\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    await refused(
      writeCsv(t, 'surrogate.csv', bytes),
      /surrogate\.csv is not valid UTF-16LE at line 3: it holds half of a character/,
    );
    // The same file without the stray half imports, in both byte orders.
    const fine = text.replace('\uD83D', '\uD83D\uDE00');
    await importFile(
      t,
      writeCsv(t, 'pair.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(fine, 'utf-16be')])),
    );
    expect(t.store.sqlite.prepare("SELECT name FROM customers WHERE name LIKE 'Bianchi%'").pluck().get()).toBe(
      'Bianchi😀',
    );
  });
});

describe('UTF-16 without a byte-order mark', () => {
  const rows = `${HEADER}2026-01-02,Società Rossi,1,EUR,won\n2026-01-03,Bianchi,2,EUR,lost\n`;

  it.each(['utf-16le', 'utf-16be'] as const)('%s is read as text, not called binary', async (encoding) => {
    const path = writeCsv(t, `${encoding}.csv`, iconv.encode(rows, encoding));
    expect(detectEncoding(iconv.encode(rows, encoding))).toEqual({ ok: true, encoding });
    const result = await importFile(t, path);
    expect(result).toMatchObject({ inserted: 2, settings: { encoding } });
    expect(t.store.sqlite.prepare("SELECT count(*) FROM customers WHERE name = 'Società Rossi'").pluck().get()).toBe(1);
  });

  it('binary files with zero bytes stay binary', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(detectEncoding(png)).toEqual({ ok: false, reason: 'binary' });
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x21, 0x00]);
    expect(detectEncoding(zip)).toEqual({ ok: false, reason: 'binary' });
    // Zeros on one side of every pair, but the other side reads as control characters.
    expect(detectEncoding(Buffer.from([1, 0, 2, 0, 3, 0, 4, 0]))).toEqual({ ok: false, reason: 'binary' });
  });
});

describe('files that are not files', () => {
  it.runIf(process.platform !== 'win32')('a FIFO is refused at once instead of hanging the import', async () => {
    const fifo = join(t.dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    await refused(fifo, /pipe\.csv is not a regular file/);
  });
});

describe('a repeated header', () => {
  it('is named as repeated, with its columns, not as "no column was found"', async () => {
    const path = writeCsv(t, 'twice.csv', 'Date,Customer,Amount,Currency,Status,Amount\n2026-01-02,A,1,EUR,won,2\n');
    await refused(path, /amount: the column "Amount" appears 2 times \(columns 3, 6\); rename one/);
    await expect(importFile(t, path)).rejects.not.toThrow(/No column was found/);
  });

  it('mapped by hand to one of its copies still refuses (which one is meant?)', async () => {
    const path = writeCsv(t, 'twice.csv', 'Date,Customer,Amount,Currency,Status,Amount\n2026-01-02,A,1,EUR,won,2\n');
    await refused(path, /appears 2 times/, { options: { mapping: { amount: 'Amount' } } });
  });
});

describe('days and times that do not exist', () => {
  it.each([
    ['9999-12-31', 'dayOutOfRange'],
    ['0226-03-01', 'dayOutOfRange'],
    ['2100-01-01', 'dayOutOfRange'],
    ['2025-01-01 25:00', 'notTime'],
    ['2025-01-01 12:60', 'notTime'],
    ['2025-01-01T23:59:61', 'notTime'],
    ['2025-02-30', 'notDay'],
  ] as const)('%s → %s', (text, problem) => {
    expect(parseDay(text, 'yyyy-MM-dd')).toBeNull();
    expect(dayIssue(text, 'yyyy-MM-dd')[0]).toBe(problem);
  });

  it.each([
    ['1900-01-01', '1900-01-01'],
    ['2099-12-31 23:59:59', '2099-12-31'],
    ['31/12/2025 00:00', '2025-12-31'],
    ['2026-03-10T14:22:05.123+01:00', '2026-03-10'],
  ])('%s is the day %s', (text, day) => {
    expect(parseDay(text, 'dd/MM/yyyy')).toBe(day);
  });

  it('rows with such dates are refused, each with its reason, and nothing is written', async () => {
    const before = contentHash(t.store.sqlite);
    const result = await importFile(
      t,
      writeCsv(
        t,
        'dates.csv',
        `${HEADER}9999-12-31,A,1,EUR,won\n2025-01-01 25:00,B,1,EUR,won\n2025-01-01,C,1,EUR,won\n`,
      ),
    );
    expect(result.inserted).toBe(0);
    expect(result.errors.map(({ line, field, message }) => ({ line, field, message }))).toEqual([
      { line: 2, field: 'date', message: 'is outside the years 1900–2099: a typo? (got “9999-12-31”)' },
      {
        line: 3,
        field: 'date',
        message: 'has a time that does not exist (hours 0–23, minutes 0–59) (got “2025-01-01 25:00”)',
      },
    ]);
    expect(contentHash(t.store.sqlite)).toBe(before);
  });
});

import type Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importWith } from '../../src-main/features/imports/engine';
import type {
  RecordSource,
  SourceRecord,
  UnrecordedImporter,
  WriteOutcome,
} from '../../src-main/features/imports/importer';
import { ImportFileError, issueText, rowIssue } from '../../src-main/features/imports/issues';
import { api, type Channel, type Input, type Output, type ParsedInput } from '../../src-main/shared/api';
import { FIXED_NOW, storeForEachTest } from '../helpers/store';
import { count, importFile, writeCsv } from './helpers';

/** The one import pipeline: file errors as keys, the rejected file in the source's dialect, other importers. */
const t = storeForEachTest();

async function call<C extends Channel>(channel: C, input?: Input<C>): Promise<Output<C>> {
  const handler = t.handlers[channel] as (input: ParsedInput<C>) => Promise<Output<C>>;
  return api[channel].output.parse(await handler(api[channel].input.parse(input) as ParsedInput<C>)) as Output<C>;
}

/** The ImportFileError that `promise` rejects with. */
async function fileError(promise: Promise<unknown>): Promise<ImportFileError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

describe('file-level problems are message keys', () => {
  it.each([
    ['empty.csv', '', 'empty', { name: 'empty.csv' }],
    ['binary.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0x0d]), 'binary', { name: 'binary.csv' }],
    ['blank.csv', '\n\n', 'noHeader', { name: 'blank.csv' }],
    ['header.csv', 'Date,Customer,Amount,Status\n', 'noRows', { name: 'header.csv' }],
    [
      'quote.csv',
      'Date,Customer,Amount,Status\n2026-01-02,"A,1,won\n',
      'quoteNotClosed',
      { name: 'quote.csv', line: 2 },
    ],
    [
      'latin.csv',
      Buffer.concat([
        Buffer.from('Date,Customer,Amount,Status\n2026-01-02,'),
        Buffer.from([0xe8, 0xff]),
        Buffer.from(',1,won\n'),
      ]),
      'encoding',
      { name: 'latin.csv', encoding: 'UTF-8' },
    ],
  ] as const)('%s', async (name, content, key, values) => {
    const options = name === 'latin.csv' ? { encoding: 'utf-8' as const } : {};
    const error = await fileError(importFile(t, writeCsv(t, name, content), { options }));
    expect(error.problems).toMatchObject([{ key, values }]);
    expect(error.code).toBe('invalid_input');
    // Worded from the catalogue, in English for the CLI and in the user's language for the screens.
    expect(error.message).toContain(name);
    const italian = error.inLanguage('it').message;
    expect(italian).toContain(name);
    expect(italian).not.toBe(error.message);
  });

  it('several mapping problems at once, each keyed', async () => {
    const error = await fileError(
      importFile(t, writeCsv(t, 'one.csv', 'Date;Customer;Amount;Status\n2026-01-02;A;1;won\n'), {
        options: { delimiter: ',', mapping: { colour: 'Colour' } },
      }),
    );
    expect(error.problems.map((p) => p.key)).toEqual(['unknownField', 'missingFields', 'singleColumn']);
    expect(error.inLanguage('it').message).toMatch(/il separatore è giusto\? \(letto con ","\)/);
  });

  it('reach the wizard in the language of the settings', async () => {
    await call('settings.update', { language: 'it' });
    const path = writeCsv(t, 'vuoto.csv', '');
    await expect(call('import.preview', { path, kind: 'sales', options: {} })).rejects.toThrow(
      'vuoto.csv è vuoto: non c’è niente da importare.',
    );
  });
});

describe('the rejected-rows file', () => {
  const ITALIAN = 'Data;Cliente;Importo;Stato;Note\r\n';

  it('is written in the source’s dialect with Italian reasons, and imports again once fixed', async () => {
    await call('settings.update', { language: 'it' });
    const source = join(t.dir, 'vendite.csv');
    const csv =
      `${ITALIAN}15/03/2026;Società Rossi;1.234,56;vinta;caffè\r\n` +
      '16/03/2026;Bianchi;-3,50;persa;però\r\n17/03/2026;Verdi;12,00;aperta;\r\n';
    writeFileSync(source, iconv.encode(csv, 'windows-1252'));

    const result = await call('import.run', {
      path: source,
      kind: 'sales',
      options: {},
      skipInvalid: true,
      dryRun: false,
    });
    expect(result).toMatchObject({ inserted: 2, skipped: 1, settings: { encoding: 'windows-1252', delimiter: ';' } });
    // The CLI's English stays on the result; the file speaks the user's language.
    expect(result.errors[0]!.message).toBe('must not be negative (got “-3,50”)');

    const bytes = readFileSync(result.rejected_file!);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = iconv.decode(bytes, 'windows-1252');
    expect(text).toBe(
      'Data;Cliente;Importo;Stato;Note;motivo\r\n' +
        '16/03/2026;Bianchi;-3,50;persa;però;Importo: non può essere negativo (letto “-3,50”)\r\n',
    );

    // Fixed in place, saved as it was (Windows-1252, semicolons), and imported as it is.
    writeFileSync(result.rejected_file!, iconv.encode(text.replace('-3,50;', '3,50;'), 'windows-1252'));
    const again = await call('import.run', {
      path: result.rejected_file!,
      kind: 'sales',
      options: {},
      skipInvalid: false,
      dryRun: false,
    });
    expect(again).toMatchObject({ inserted: 1, skipped: 0, errors: [], settings: { decimal: ',', delimiter: ';' } });
    expect(t.store.sqlite.prepare("SELECT s.amount_minor, s.notes FROM sales s WHERE s.status = 'lost'").get()).toEqual(
      { amount_minor: 350, notes: 'però' },
    );
  });

  it('keeps a tab-separated UTF-16 source’s dialect, quoting only what the delimiter needs', async () => {
    const source = join(t.dir, 'tabs.csv');
    const csv = 'Date\tCustomer\tAmount\tStatus\n2026-01-02\tA, B\t1\twon\n2026-01-03\tC\tx\twon\n';
    writeFileSync(source, iconv.encode(`\uFEFF${csv}`, 'utf-16le'));
    const result = await importFile(t, source, { skipInvalid: true });
    expect(result).toMatchObject({ inserted: 1, skipped: 1 });
    const bytes = readFileSync(result.rejected_file!);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(iconv.decode(bytes, 'utf-16le')).toBe(
      'Date\tCustomer\tAmount\tStatus\treason\r\n2026-01-03\tC\tx\twon\tAmount: is not a number (got “x”)\r\n',
    );
  });
});

describe('an importer with its own reader', () => {
  /**
   * A stand-in for a Kindle "My Clippings.txt" importer: not a CSV at all. Its reader splits
   * the text into records; everything else (problems, transaction, idempotency) is the pipeline's.
   */
  interface Highlight {
    book: string;
    text: string;
  }

  async function openClippings(path: string): Promise<RecordSource> {
    const text = readFileSync(path, 'utf8');
    const records: SourceRecord[] = [];
    let line = 1;
    for (const entry of text.split('==========\n')) {
      const [book = '', ...rest] = entry.split('\n');
      if (book.trim() !== '') records.push({ line, fields: [book.trim(), rest.join(' ').trim()] });
      line += entry.split('\n').length - 1 + 1;
    }
    async function* batches(): AsyncGenerator<SourceRecord[]> {
      yield records;
    }
    return {
      name: 'clippings.txt',
      size: text.length,
      encoding: 'utf-8',
      delimiter: ',',
      headers: ['book', 'text'],
      batches: batches(),
      bytesRead: () => text.length,
      sha256: () => 'clippings',
      checkUnchanged: () => undefined,
      close: () => undefined,
    };
  }

  class HighlightWriter {
    private readonly insert: Database.Statement<[string, string]>;
    private readonly exists: Database.Statement<[string, string]>;
    constructor(sqlite: Database.Database) {
      sqlite.exec('CREATE TABLE IF NOT EXISTS temp.highlights (book TEXT, text TEXT)');
      this.insert = sqlite.prepare('INSERT INTO temp.highlights VALUES (?, ?)');
      this.exists = sqlite.prepare('SELECT 1 FROM temp.highlights WHERE book = ? AND text = ?');
    }
    write(h: Highlight): WriteOutcome {
      if (this.exists.get(h.book, h.text)) return { inserted: false };
      this.insert.run(h.book, h.text);
      return { inserted: true, customerCreated: false };
    }
    close(): void {}
  }

  const highlights: UnrecordedImporter<Highlight> = {
    kind: 'highlights',
    fields: ['book', 'text'],
    required: ['book', 'text'],
    open: openClippings,
    read: (record, ctx) => {
      const [book = '', text = ''] = record.fields;
      if (text === '') return { ok: false, issues: [rowIssue(record.line, 'text', null, 'required')] };
      if (text.length > 40)
        return { ok: false, issues: [rowIssue(record.line, 'text', ctx.mapping.text ?? null, 'tooLong', { max: 40 })] };
      return { ok: true, value: { book, text } };
    },
    writer: (sqlite) => new HighlightWriter(sqlite),
  };

  it('feeds the pipeline records from a text file', async () => {
    const path = join(t.dir, 'My Clippings.txt');
    writeFileSync(
      path,
      'The Challenger Sale\nTeach, tailor, take control.\n==========\n' +
        'SPIN Selling\n\n==========\nSPIN Selling\nAsk about the need before you pitch the product.\n==========\n',
    );
    const req = { path, options: {}, skipInvalid: false, dryRun: false, defaultCurrency: 'EUR', now: FIXED_NOW };
    const bad = await importWith(t.store, highlights, req);
    expect(bad).toMatchObject({ inserted: 0, batch_id: null, error_count: 2 });
    expect(bad.errors).toMatchObject([
      { line: 4, field: 'text', key: 'required' },
      { line: 7, field: 'text', key: 'tooLong', values: { max: 40 } },
    ]);
    expect(issueText(bad.errors[0]!, 'it')).toBe('è obbligatorio');

    const good = await importWith(t.store, highlights, { ...req, skipInvalid: true });
    expect(good).toMatchObject({ inserted: 1, skipped: 2, batch_id: null });
    expect(t.store.sqlite.prepare('SELECT book, text FROM temp.highlights').all()).toEqual([
      { book: 'The Challenger Sale', text: 'Teach, tailor, take control.' },
    ]);
    // The same file again: its highlight is already there.
    expect(await importWith(t.store, highlights, { ...req, skipInvalid: true })).toMatchObject({
      inserted: 0,
      duplicates: 1,
    });
    // No history of its own: nothing in import_batches.
    expect(count(t, 'import_batches')).toBe(0);

    // A limit on records is the pipeline's to enforce, as a file-level problem.
    const error = await fileError(importWith(t.store, { ...highlights, maxRecords: 2 }, req));
    expect(error.problems).toEqual([{ key: 'tooManyRows', values: { name: 'clippings.txt', max: 2 } }]);
    expect(error.inLanguage('it').message).toBe('clippings.txt ha più di 2 righe: importalo in parti più piccole.');
  });
});

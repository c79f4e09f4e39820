import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { firstIsbn13 } from '../../../src-main/features/library/identity';
import { guessTitle, pdfReader } from '../../../src-main/features/library/readers/pdf';
import { ReadFailure } from '../../../src-main/features/library/readers/types';
import { hasMessage, translator } from '../../../src-main/shared/locales/translate';
import { context, failure, fixture, handMadePdf, read, scratch, stillOpen } from './helpers';

const dir = scratch('rapport-pdf-');
afterAll(() => dir.remove());

describe('PDF printed by calibre, its Info dictionary later rewritten by exiftool (make.sh)', () => {
  it('prefers the XMP to the stale Info dictionary, and reads the three-level outline with its pages', async () => {
    const item = await read(pdfReader, fixture('pdf-calibre.pdf'));
    expect(item.kind).toBe('book');
    expect(item.mime).toBe('application/pdf');
    // exiftool wrote Title "Draft 3 - do not circulate" and Author "M. Rinaldi" into Info only.
    expect(item.title).toBe('The Patient Closer');
    expect(item.titleGuessed).toBe(false);
    expect(item.people).toEqual([
      { name: 'Marta Rinaldi', role: 'author' },
      { name: 'Owen Blake', role: 'author' },
    ]);
    expect(item.publisher).toBe('Northwind Press');
    // dc:date (the book's date, 2021-05-04) wins over the Info CreationDate (the day calibre ran).
    expect(item.year).toBe(2021);
    expect(item.language).toBe('en');
    expect(item.description).toMatch(/^A short guide to closing without pressure & keeping the customer.s trust\.$/);
    expect(item.tags).toEqual(['Sales']);
    // calibre starts every chapter file on a new page: cover, title page, then the three chapters.
    expect(item.pages).toBe(5);
    expect(item.contents).toEqual([
      { title: 'Opening the Conversation', level: 0, page: 3 },
      { title: 'Listening First', level: 1, page: 3 },
      { title: 'The Two-Second Pause', level: 2, page: 3 },
      { title: 'Questions That Open', level: 1, page: 3 },
      { title: 'Handling Objections', level: 0, page: 4 },
      { title: 'Price Is Rarely the Reason', level: 1, page: 4 },
      { title: 'Closing Without Pressure', level: 0, page: 5 },
    ]);
    expect(item.cover).toBeNull();
  });
});

describe('PDF from Ghostscript with pdfmark (make.sh: guide.ps)', () => {
  it('reads the Info dictionary: authors split on ";" and "and", Subject, Keywords, CreationDate, and the ISBN on page 1', async () => {
    const item = await read(pdfReader, fixture('pdf-ghostscript.pdf'));
    expect(item.title).toBe('Trust Before Terms');
    expect(item.titleGuessed).toBe(false);
    expect(item.people).toEqual([
      { name: 'Anna Verdi', role: 'author' },
      { name: 'Marco Bassi', role: 'author' },
      { name: 'Sara Gallo', role: 'author' },
    ]);
    expect(item.description).toBe("How to earn a buyer's trust before talking price.");
    expect(item.tags).toEqual(['trust', 'negotiation', 'pricing']);
    expect(item.year).toBe(2018);
    expect(item.pages).toBe(3);
    expect(item.isbns).toEqual(['978-1-86197-876-9']);
    expect(firstIsbn13(item.isbns)).toBe('9781861978769');
    expect(item.publisher).toBeNull();
    expect(item.language).toBeNull();
    expect(item.contents).toEqual([
      { title: 'Part One: Trust', level: 0, page: 1 },
      { title: 'Why trust comes first', level: 1, page: 1 },
      { title: 'Signals of trust', level: 1, page: 2 },
      { title: 'Part Two: Terms', level: 0, page: 3 },
      { title: 'Naming the price', level: 1, page: 3 },
    ]);
  });
});

describe('a title read from page 1 (make.sh: handout.html printed by Chromium)', () => {
  it('takes the line in the largest type when the metadata has no title, and says it is a guess', async () => {
    const item = await read(pdfReader, fixture('pdf-notitle.pdf'));
    // The page starts with "Spring workshop handout" at 10 pt; the heading is at 30 pt.
    expect(item.title).toBe('Closing Without Pressure');
    expect(item.titleGuessed).toBe(true);
    expect(item.language).toBe('en');
    expect(item.pages).toBe(1);
    expect(item.contents).toEqual([]);
  });

  it('reads a title that only names the file ("handout.html", as Chromium writes) as no title', async () => {
    const item = await read(pdfReader, fixture('pdf-chromium-filename-title.pdf'));
    expect(item.title).toBe('Closing Without Pressure');
    expect(item.titleGuessed).toBe(true);
  });

  it('joins a title that wraps over lines of the same size, and falls back to the first real line', () => {
    expect(
      guessTitle([
        { text: 'Chapter notes', size: 9 },
        { text: 'The Long Road', size: 28 },
        { text: 'to the Signature', size: 28 },
        { text: 'Body text here', size: 11 },
        { text: 'More body text', size: 11 },
      ]),
    ).toBe('The Long Road to the Signature');
    expect(
      guessTitle([
        { text: '12', size: 11 },
        { text: 'Quarterly pipeline review', size: 11 },
        { text: 'Second line', size: 11 },
      ]),
    ).toBe('Quarterly pipeline review');
    expect(guessTitle([{ text: '1 2 3', size: 20 }])).toBeNull();
  });
});

describe('a PDF read by ranges', () => {
  it('reads a 3 MB PDF (past the whole-file threshold) through the range transport', async () => {
    const path = dir.file(
      'ranges.pdf',
      handMadePdf({ title: 'Ranges Work', author: 'Ada Ferri & Bruno Sala', pages: 4, padBytes: 3 * 1024 * 1024 }),
    );
    const item = await read(pdfReader, path);
    expect(item.title).toBe('Ranges Work');
    expect(item.people.map((p) => p.name)).toEqual(['Ada Ferri', 'Bruno Sala']);
    expect(item.year).toBe(2020);
    expect(item.pages).toBe(4);
    expect(item.contents).toEqual([1, 2, 3, 4].map((n) => ({ title: `Chapter ${n}`, level: 0, page: n })));
  });
});

describe('the process around it', () => {
  it('can exit as soon as the reads are done: an idle pdf.js thread does not hold it open', () => {
    const reader = fileURLToPath(new URL('../../../src-main/features/library/readers/pdf.ts', import.meta.url));
    const script = dir.file(
      'exits.mts',
      Buffer.from(`
        import { pdfReader } from ${JSON.stringify(reader)};
        const ctx = { limits: { maxFileBytes: 1e9, timeoutMs: 30000, zip: {} }, signal: new AbortController().signal };
        const item = await pdfReader.read(${JSON.stringify(fixture('pdf-ghostscript.pdf'))}, 0, ctx);
        console.log(item.title);
      `),
    );
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 25_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('Trust Before Terms');
    expect(run.status).toBe(0);
    // Idle threads are ended after 30 s; the process must not have waited for that.
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('passwords (make.sh: qpdf --encrypt)', () => {
  it('refuses a PDF that needs a password to open', async () => {
    expect((await failure(pdfReader, fixture('pdf-password.pdf'))).key).toBe('library.failures.pdfPassword');
  });

  it('reads a PDF that has only an owner password (restrictions), as anyone may open it', async () => {
    const item = await read(pdfReader, fixture('pdf-owner-only.pdf'));
    expect(item.title).toBe('Trust Before Terms');
    expect(item.people.map((p) => p.name)).toEqual(['Anna Verdi', 'Marco Bassi', 'Sara Gallo']);
    expect(item.isbns).toEqual(['978-1-86197-876-9']);
    expect(item.contents).toHaveLength(5);
  });
});

describe('many at once', () => {
  it('reads more PDFs at once than it runs threads, each getting its own answer', async () => {
    const files = ['pdf-calibre.pdf', 'pdf-ghostscript.pdf', 'pdf-notitle.pdf', 'pdf-loop-outline.pdf'];
    const titles = await Promise.all(
      [...files, ...files].map((file) => read(pdfReader, fixture(file)).then((item) => item.title)),
    );
    const once = ['The Patient Closer', 'Trust Before Terms', 'Closing Without Pressure', 'Looping Pages'];
    expect(titles).toEqual([...once, ...once]);
  });
});

describe('hostile and broken PDFs', () => {
  it('refuses a page tree that loops, without hanging', async () => {
    expect((await failure(pdfReader, fixture('pdf-loop.pdf'))).key).toBe('library.failures.pdfLoop');
  });

  it('reads a sound page tree behind an outline, an Info and an xref chain that loop, ending each loop', async () => {
    const item = await read(pdfReader, fixture('pdf-loop-outline.pdf'));
    expect(item.contents).toEqual([
      { title: 'One', level: 0, page: 1 },
      { title: 'Two', level: 0, page: 1 },
    ]);
    expect(item.title).toBe('Looping Pages');
    expect(item.titleGuessed).toBe(true);
  });

  it("keeps pdf.js's unhandled rejection on a broken page tree in pdf.js's thread, away from this process", async () => {
    const seen: unknown[] = [];
    const listener = (reason: unknown): number => seen.push(reason);
    process.on('unhandledRejection', listener);
    try {
      expect((await failure(pdfReader, fixture('pdf-bad-kids.pdf'))).key).toBe('library.failures.pdfDamaged');
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off('unhandledRejection', listener);
    }
    expect(seen).toEqual([]);
  });

  it('says a cut-short PDF is truncated, random bytes or an EPUB are not a PDF, and a missing file cannot be opened', async () => {
    expect((await failure(pdfReader, fixture('pdf-truncated.pdf'))).key).toBe('library.failures.pdfTruncated');
    expect((await failure(pdfReader, fixture('pdf-random.pdf'))).key).toBe('library.failures.pdfNotPdf');
    expect((await failure(pdfReader, fixture('epub-pandoc3.epub'))).key).toBe('library.failures.pdfNotPdf');
    expect((await failure(pdfReader, dir.file('empty.pdf', new Uint8Array(0)))).key).toBe('library.failures.pdfNotPdf');
    expect((await failure(pdfReader, fixture('no-such.pdf'))).key).toBe('library.failures.notFound');
  });

  it('calls a PDF with a header and an end but nothing readable between them damaged', async () => {
    const path = dir.file('hollow.pdf', Buffer.from('%PDF-1.7\n' + 'x'.repeat(5000) + '\n%%EOF\n', 'latin1'));
    expect((await failure(pdfReader, path)).key).toBe('library.failures.pdfDamaged');
  });

  it('leaves no file open after any of them', async () => {
    const files = ['pdf-loop.pdf', 'pdf-truncated.pdf', 'pdf-random.pdf', 'pdf-bad-kids.pdf', 'pdf-password.pdf'];
    for (const file of files) await failure(pdfReader, fixture(file));
    await read(pdfReader, fixture('pdf-ghostscript.pdf'));
    expect(await stillOpen([...files, 'pdf-ghostscript.pdf'].map(fixture))).toEqual([]);
  });
});

describe('abort', () => {
  it('stops with the time-limit failure when the signal has fired, or with the reason the caller gave', async () => {
    const timedOut = new AbortController();
    timedOut.abort();
    expect(await failure(pdfReader, fixture('pdf-ghostscript.pdf'), context({}, timedOut.signal))).toEqual({
      key: 'library.failures.timeout',
      values: { seconds: 30 },
    });
    const cancelled = new AbortController();
    cancelled.abort(new ReadFailure('library.failures.cancelled'));
    expect((await failure(pdfReader, fixture('pdf-ghostscript.pdf'), context({}, cancelled.signal))).key).toBe(
      'library.failures.cancelled',
    );
  });

  it('stops a large PDF wherever the signal fires, closes the file, and the next read still works', async () => {
    const path = dir.file(
      'abort.pdf',
      handMadePdf({ title: 'Stop Me', author: 'Carla Riva', pages: 50, padBytes: 4 * 1024 * 1024 }),
    );
    await read(pdfReader, path); // pdf.js loaded and a thread up: the aborts below land mid-read
    const outcomes = new Set<string>();
    for (const ms of [0, 1, 2, 4, 8, 16, 32]) {
      const controller = new AbortController();
      const pending = read(pdfReader, path, context({}, controller.signal)).then(
        (item) => item.title ?? 'no title',
        (error: unknown) => (error instanceof ReadFailure ? error.key : `crash: ${String(error)}`),
      );
      setTimeout(() => controller.abort(), ms);
      outcomes.add(await pending);
    }
    expect(outcomes.has('library.failures.timeout')).toBe(true);
    expect([...outcomes].every((o) => o === 'library.failures.timeout' || o === 'Stop Me')).toBe(true);
    expect(await stillOpen([path])).toEqual([]);
    expect((await read(pdfReader, path)).title).toBe('Stop Me');
  });
});

describe('failure words', () => {
  it('has an English and an Italian sentence for every key the reader uses', () => {
    const source = ['pdf', 'abort']
      .map((f) => readFileSync(new URL(`../../../src-main/features/library/readers/${f}.ts`, import.meta.url), 'utf8'))
      .join('\n');
    const keys = [...new Set([...source.matchAll(/'(library\.failures\.\w+)'/g)].map((m) => m[1]!))];
    expect(keys).toHaveLength(8);
    const en = translator('en');
    const it_ = translator('it');
    for (const key of keys) {
      expect(hasMessage(key), key).toBe(true);
      expect(en(key)).not.toBe(it_(key));
      expect(it_(key)).not.toMatch(/library\.failures/);
    }
  });
});

describe('any bytes at all', () => {
  const real = [readFileSync(fixture('pdf-ghostscript.pdf')), readFileSync(fixture('pdf-calibre.pdf'))];
  let n = 0;

  /** Reads `bytes` as a PDF: a ReadItem or a ReadFailure, within a few seconds, nothing else. */
  const survives = async (bytes: Uint8Array): Promise<void> => {
    const path = dir.file(`f${n++}.pdf`, bytes);
    const started = performance.now();
    try {
      const item = await pdfReader.read(path, bytes.length, context());
      expect(item.kind).toBe('book');
    } catch (error) {
      expect(error).toBeInstanceOf(ReadFailure);
      expect(hasMessage((error as ReadFailure).key), (error as ReadFailure).key).toBe(true);
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  };

  it('random bytes, bare or between a PDF header and %%EOF, end in a ReadFailure', async () => {
    const framed = fc
      .uint8Array({ maxLength: 4096 })
      .map((body) => Buffer.concat([Buffer.from('%PDF-1.7\n'), body, Buffer.from('\n%%EOF\n')]));
    await fc.assert(fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 4096 }), framed), survives), {
      numRuns: 100,
    });
  });

  it('random changes to real PDFs give a book or a ReadFailure, and never an unhandled rejection', async () => {
    const mutation = fc.record({
      which: fc.nat({ max: real.length - 1 }),
      edits: fc.array(
        fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: 255 })),
        {
          minLength: 1,
          maxLength: 40,
        },
      ),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ which, edits }) => {
        const bytes = Uint8Array.from(real[which]!);
        for (const [at, value] of edits) bytes[Math.floor(at * bytes.length)] = value;
        await survives(bytes);
      }),
      { numRuns: 200 },
    );
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { firstIsbn13 } from '../../../src-main/features/library/identity';
import { epubReader } from '../../../src-main/features/library/readers/epub';
import { ReadFailure } from '../../../src-main/features/library/readers/types';
import { declaresEntities, decodeEntities, htmlToText, parseXml } from '../../../src-main/features/library/readers/xml';
import { unsafeName } from '../../../src-main/features/library/readers/zip';
import { hasMessage, translator } from '../../../src-main/shared/locales/translate';
import { context, failure, fixture, openFiles, read, scratch, settlesTo } from './helpers';

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (data: Uint8Array): [number, number] => {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
};

/** Width and height from a JPEG's first start-of-frame marker. */
const jpegSize = (data: Uint8Array): [number, number] => {
  let i = 2;
  while (i < data.length) {
    const marker = data[i + 1]!;
    const length = (data[i + 2]! << 8) | data[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xc3)
      return [(data[i + 7]! << 8) | data[i + 8]!, (data[i + 5]! << 8) | data[i + 6]!];
    i += 2 + length;
  }
  throw new Error('no SOF marker');
};

describe('EPUB 3 written by pandoc (make.sh: book.md)', () => {
  it('reads the package metadata with roles, the ISBN, the cover and the nested nav', async () => {
    const item = await read(epubReader, fixture('epub-pandoc3.epub'));
    expect(item.kind).toBe('ebook');
    expect(item.mime).toBe('application/epub+zip');
    expect(item.title).toBe('The Patient Closer');
    expect(item.titleGuessed).toBe(false);
    expect(item.people).toEqual([
      { name: 'Marta Rinaldi', role: 'author' },
      { name: 'Owen Blake', role: 'author' },
      { name: 'Giulia Ferri', role: 'editor' },
    ]);
    expect(item.isbns).toEqual(['978-0-306-40615-7']);
    expect(firstIsbn13(item.isbns)).toBe('9780306406157');
    expect(item.publisher).toBe('Northwind Press');
    expect(item.year).toBe(2021);
    expect(item.language).toBe('en-GB');
    // pandoc curls the apostrophe; the ampersand arrives as &amp; and is decoded once.
    expect(item.description).toMatch(/^A short guide to closing without pressure & keeping the customer.s trust\.$/);
    expect(item.tags).toEqual(['Sales']);
    expect(item.pages).toBeNull();
    expect(item.cover?.mime).toBe('image/png');
    expect(pngSize(item.cover!.data)).toEqual([240, 360]);
    expect(item.contents).toEqual([
      { title: 'Opening the Conversation', level: 0 },
      { title: 'Listening First', level: 1 },
      { title: 'The Two-Second Pause', level: 2 },
      { title: 'Questions That Open', level: 1 },
      { title: 'Handling Objections', level: 0 },
      { title: 'Price Is Rarely the Reason', level: 1 },
      { title: 'Closing Without Pressure', level: 0 },
    ]);
  });
});

describe("EPUB 2 written by calibre's ebook-convert (make.sh: libro.html)", () => {
  it('reads opf:role, the opf:scheme ISBN, the HTML description, subjects, <meta name="cover"> and the NCX', async () => {
    const item = await read(epubReader, fixture('epub-calibre2.epub'));
    expect(item.title).toBe('Vendere con calma');
    expect(item.people).toEqual([
      { name: 'Lucia Neri', role: 'author' },
      { name: 'Paolo Conti', role: 'author' },
    ]);
    expect(item.isbns).toEqual(['8804668237']);
    expect(firstIsbn13(item.isbns)).toBe('9788804668237');
    expect(item.publisher).toBe('Edizioni Aurora');
    expect(item.year).toBe(2019);
    expect(item.language).toBe('it');
    expect(item.description).toBe('Un manuale pratico per chi vende & ascolta.\nSeconda riga.');
    expect(item.tags).toEqual(['vendite', 'negoziazione']);
    expect(item.cover?.mime).toBe('image/jpeg');
    expect(jpegSize(item.cover!.data)).toEqual([240, 360]);
    expect(item.contents).toEqual([
      { title: 'Prima parte: ascoltare', level: 0 },
      { title: 'Le domande aperte', level: 1 },
      { title: 'Il silenzio', level: 1 },
      { title: 'Seconda parte: chiudere', level: 0 },
      { title: 'Il prezzo', level: 1 },
    ]);
  });
});

describe('hostile EPUBs', () => {
  it('refuses a zip bomb by its declared size, never inflating it', async () => {
    expect(await failure(epubReader, fixture('epub-zipbomb.epub'))).toEqual({
      key: 'library.failures.epubEntryTooLarge',
      values: { name: 'OEBPS/c.xhtml', mb: 64 },
    });
  });

  it('refuses the same bomb by its compression ratio, and by the total, when the other limits allow it', async () => {
    const byRatio = context({ maxEntryBytes: 1024 ** 3 });
    expect(await failure(epubReader, fixture('epub-zipbomb.epub'), byRatio)).toEqual({
      key: 'library.failures.epubRatio',
      values: { name: 'OEBPS/c.xhtml', max: 100 },
    });
    const byTotal = context({ maxEntryBytes: 1024 ** 3, maxRatio: 10_000, maxInflatedBytes: 50 * 1024 ** 2 });
    expect(await failure(epubReader, fixture('epub-zipbomb.epub'), byTotal)).toEqual({
      key: 'library.failures.epubTooLarge',
      values: { mb: 50 },
    });
  });

  it('refuses entry names that climb out, start at the root or name a drive', async () => {
    for (const [file, name] of [
      ['epub-traversal.epub', '../evil.sh'],
      ['epub-absolute.epub', '/etc/evil.conf'],
      ['epub-drive.epub', 'C:/Windows/evil.dll'],
    ]) {
      expect(await failure(epubReader, fixture(file!))).toEqual({
        key: 'library.failures.epubUnsafeName',
        values: { name },
      });
    }
  });

  it('refuses an OPF with a billion-laughs entity block', async () => {
    expect(await failure(epubReader, fixture('epub-entities.epub'))).toEqual({
      key: 'library.failures.xmlEntities',
      values: { name: 'OEBPS/content.opf' },
    });
  });

  it('stops an entry that inflates past the size it declares (5 MiB behind a 600-byte declaration)', async () => {
    expect(await failure(epubReader, fixture('epub-lying-size.epub'))).toEqual({
      key: 'library.failures.epubSizeMismatch',
      values: { name: 'OEBPS/content.opf' },
    });
  });

  it('refuses more entries than the limit, counted from the central directory', async () => {
    // pandoc's book holds 13 entries.
    expect(await failure(epubReader, fixture('epub-pandoc3.epub'), context({ maxEntries: 12 }))).toEqual({
      key: 'library.failures.epubTooManyEntries',
      values: { max: 12 },
    });
    await expect(read(epubReader, fixture('epub-pandoc3.epub'), context({ maxEntries: 13 }))).resolves.toBeTruthy();
  });

  it('says a file that is not a ZIP is not an EPUB, and a missing file cannot be opened', async () => {
    expect((await failure(epubReader, fixture('epub-random.epub'))).key).toBe('library.failures.epubNotZip');
    expect((await failure(epubReader, fixture('pdf-ghostscript.pdf'))).key).toBe('library.failures.epubNotZip');
    expect((await failure(epubReader, fixture('no-such-book.epub'))).key).toBe('library.failures.fileUnreadable');
  });

  it('leaves no file open after any of them', async () => {
    const before = openFiles();
    for (const file of ['epub-zipbomb.epub', 'epub-traversal.epub', 'epub-entities.epub', 'epub-lying-size.epub']) {
      await failure(epubReader, fixture(file));
    }
    await read(epubReader, fixture('epub-calibre2.epub'));
    expect(await settlesTo(before)).toBe(before);
  });
});

describe('abort', () => {
  it('stops with the time-limit failure when the signal has fired, or with the reason the caller gave', async () => {
    const timedOut = new AbortController();
    timedOut.abort();
    expect(await failure(epubReader, fixture('epub-pandoc3.epub'), context({}, timedOut.signal))).toEqual({
      key: 'library.failures.timeout',
      values: { seconds: 30 },
    });
    const cancelled = new AbortController();
    cancelled.abort(new ReadFailure('library.failures.cancelled'));
    expect((await failure(epubReader, fixture('epub-pandoc3.epub'), context({}, cancelled.signal))).key).toBe(
      'library.failures.cancelled',
    );
  });

  it('stops wherever the signal fires (before, during or after opening the archive) and closes the file', async () => {
    const before = openFiles();
    const outcomes = new Set<string>();
    for (let ticks = 0; ticks < 30; ticks++) {
      const controller = new AbortController();
      const pending = read(epubReader, fixture('epub-calibre2.epub'), context({}, controller.signal)).then(
        (item) => item.title ?? 'no title',
        (error: unknown) => (error instanceof ReadFailure ? error.key : 'crash'),
      );
      for (let i = 0; i < ticks; i++) await new Promise((r) => setImmediate(r));
      controller.abort();
      outcomes.add(await pending);
    }
    expect(outcomes.has('library.failures.timeout')).toBe(true);
    expect([...outcomes].every((o) => o === 'library.failures.timeout' || o === 'Vendere con calma')).toBe(true);
    expect(await settlesTo(before)).toBe(before);
  });
});

describe('XML without entities', () => {
  it('lets a bare DOCTYPE through (pandoc nav, NCX public identifier) and refuses subsets and entities', () => {
    expect(declaresEntities('<?xml version="1.0"?>\n<!DOCTYPE html>\n<html/>')).toBe(false);
    expect(
      declaresEntities(
        '<!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" "http://www.daisy.org/z3986/2005/ncx-2005-1.dtd"><ncx/>',
      ),
    ).toBe(false);
    expect(declaresEntities('<!DOCTYPE x [ ]><x/>')).toBe(true);
    expect(declaresEntities('<!DOCTYPE x SYSTEM "file:///etc/passwd" [<!ELEMENT x ANY>]><x/>')).toBe(true);
    expect(declaresEntities('<x><!ENTITY a "b"></x>')).toBe(true);
    expect(declaresEntities('<!doctype x PUBLIC "a" "b" "c"><x/>')).toBe(true);
  });

  it('decodes the predefined entities once, never a second time, and leaves unknown ones as written', () => {
    expect(decodeEntities('A &amp; B &lt;i&gt; &#233;&#x20AC; &amp;lt; &lol9;')).toBe('A & B <i> é€ &lt; &lol9;');
    expect(() => parseXml(Buffer.from('<a>&lol;</a>'), 'x.xml')).not.toThrow();
    expect(parseXml(Buffer.from('<a><b>x &amp; y</b></a>'), 'x.xml')).toEqual({ a: { b: { '#text': 'x &amp; y' } } });
  });

  it('turns a description written as HTML into paragraphs of text', () => {
    expect(htmlToText('<p>One <b>bold</b> &amp; more</p><p>Two<br/>Three</p><script>x()</script>')).toBe(
      'One bold & more\nTwo\nThree',
    );
    expect(htmlToText('price < value > cost')).toBe('price < value > cost');
  });

  it('judges entry names as ZIP extractors must', () => {
    for (const bad of ['../x', 'a/../../x', '/abs', 'C:/x', 'c:x', 'a/..', 'x\0y']) expect(unsafeName(bad)).toBe(true);
    for (const good of ['OEBPS/content.opf', 'a..b/c', '..x/y', 'META-INF/']) expect(unsafeName(good)).toBe(false);
  });
});

describe('failure words', () => {
  it('has an English and an Italian sentence for every key the reader uses, with its values filled in', async () => {
    const en = translator('en');
    const it_ = translator('it');
    const keys = [
      'timeout',
      'fileUnreadable',
      'epubNotZip',
      'epubDamaged',
      'epubEncrypted',
      'epubTooManyEntries',
      'epubEntryTooLarge',
      'epubRatio',
      'epubTooLarge',
      'epubUnsafeName',
      'epubSizeMismatch',
      'epubMissingPart',
      'epubPartTooLarge',
      'epubNoContainer',
      'epubNoPackage',
      'xmlEntities',
      'xmlBroken',
    ].map((k) => `library.failures.${k}`);
    const values = { name: 'OEBPS/x.opf', max: 7, mb: 64, seconds: 30 };
    for (const key of keys) {
      expect(hasMessage(key), key).toBe(true);
      for (const t of [en, it_]) {
        const sentence = t(key, values);
        expect(sentence, key).not.toMatch(/\{\{|library\.failures/);
      }
      expect(en(key, values)).not.toBe(it_(key, values));
    }
    // The source names every key it throws; none is missing from the list above.
    const source = ['epub', 'zip', 'xml', 'abort']
      .map((f) => readFileSync(new URL(`../../../src-main/features/library/readers/${f}.ts`, import.meta.url), 'utf8'))
      .join('\n');
    const thrown = new Set([...source.matchAll(/'(library\.failures\.\w+)'/g)].map((m) => m[1]!));
    expect([...thrown].filter((k) => !keys.includes(k))).toEqual([]);
  });
});

describe('any bytes at all', () => {
  const dir = scratch('rapport-epub-fuzz-');
  afterAll(() => dir.remove());
  const real = readFileSync(fixture('epub-pandoc3.epub'));
  let n = 0;

  /** Reads `bytes` as an EPUB: a ReadItem or a ReadFailure, within a few seconds, nothing else. */
  const survives = async (bytes: Uint8Array): Promise<void> => {
    const path = dir.file(`f${n++}.epub`, bytes);
    const started = performance.now();
    try {
      const item = await epubReader.read(path, bytes.length, context());
      expect(item.kind).toBe('ebook');
    } catch (error) {
      expect(error).toBeInstanceOf(ReadFailure);
      expect(hasMessage((error as ReadFailure).key), (error as ReadFailure).key).toBe(true);
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  };

  it('random bytes, with or without a ZIP signature in front, end in a ReadFailure', async () => {
    const zipLike = fc
      .uint8Array({ maxLength: 2048 })
      .map((tail) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...tail, 0x50, 0x4b, 0x05, 0x06, ...tail.slice(0, 18)]));
    await fc.assert(fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 4096 }), zipLike), survives), {
      numRuns: 150,
    });
  });

  it("random changes to pandoc's EPUB give a book or a ReadFailure", async () => {
    const mutation = fc.record({
      edits: fc.array(fc.tuple(fc.nat({ max: real.length - 1 }), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 40,
      }),
      cut: fc.option(fc.nat({ max: real.length }), { freq: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ edits, cut }) => {
        const bytes = Uint8Array.from(real);
        for (const [at, value] of edits) bytes[at] = value;
        await survives(cut === null ? bytes : bytes.subarray(0, cut));
      }),
      { numRuns: 150 },
    );
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { firstIsbn13 } from '../../../src-main/features/library/identity';
import { epubReader } from '../../../src-main/features/library/readers/epub';
import { ReadFailure } from '../../../src-main/features/library/readers/types';
import { declaresEntities, decodeEntities, htmlToText, parseXml } from '../../../src-main/features/library/readers/xml';
import { unsafeName } from '../../../src-main/features/library/readers/zip';
import { hasMessage, translator } from '../../../src-main/shared/locales/translate';
import { CONTAINER_XML, FIXTURES, context, failure, fixture, read, scratch, stillOpen, zipOf } from './helpers';

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

/** An OPF for the hand-made EPUBs below, its metadata and manifest given. */
const opf = (metadata: string, manifest: string, version = '3.0'): string => `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="${version}" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">${metadata}</metadata>
<manifest>${manifest}</manifest><spine><itemref idref="nav"/></spine></package>`;

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

describe('what the two tools here do not write (hand-made EPUBs)', () => {
  const dir = scratch('rapport-epub-made-');
  afterAll(() => dir.remove());

  it('reads refined titles and roles, contributors, urn:isbn, an escaped cover path and a nav of spans and markup', async () => {
    const metadata = `
      <dc:title id="t1">Quiet Numbers</dc:title>
      <meta refines="#t1" property="title-type">main</meta>
      <dc:title id="t2">A Field Guide</dc:title>
      <meta refines="#t2" property="title-type">subtitle</meta>
      <dc:creator id="c1">Nora Valli</dc:creator>
      <dc:creator>Piero Landi</dc:creator>
      <dc:contributor id="c3">Jane Holt</dc:contributor>
      <meta refines="#c3" property="role" scheme="marc:relators">trl</meta>
      <dc:contributor id="c4">Luca Neri</dc:contributor>
      <meta refines="#c4" property="role" scheme="marc:relators">nrt</meta>
      <dc:contributor id="c5">Ivo Sarti</dc:contributor>
      <meta refines="#c5" property="role" scheme="marc:relators">ill</meta>
      <dc:identifier id="id">urn:uuid:0b9d7c1e-2f7b-4d3e-9d61-6a0f4b8e2c11</dc:identifier>
      <dc:identifier>urn:isbn:9780306406157</dc:identifier>
      <dc:identifier>1234567890123</dc:identifier>
      <dc:language>und</dc:language>
      <dc:date>1999-12-31</dc:date>
      <dc:description><p>First &amp; <em>foremost</em>.</p><p>Then the rest.</p></dc:description>
      <dc:subject>Business &amp; Economics / Sales &amp; Selling / Management</dc:subject>
      <dc:subject>sales</dc:subject>
      <dc:subject>Sales</dc:subject>`;
    const manifest = `
      <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
      <item id="img" href="images/cover%20art.gif" media-type="image/gif" properties="cover-image"/>`;
    const nav = `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>
      <nav epub:type="landmarks"><ol><li><a href="x.xhtml">Not the contents</a></li></ol></nav>
      <section><nav epub:type="toc"><ol>
        <li><span>Part <em>One</em></span><ol>
          <li><a href="a.xhtml#x">Costs &amp; <b>margins</b></a></li>
        </ol></li>
        <li><a href="b.xhtml">Part Two</a></li>
      </ol></nav></section></body></html>`;
    const path = dir.file(
      'made.epub',
      zipOf([
        { name: 'mimetype', data: 'application/epub+zip' },
        { name: 'META-INF/container.xml', data: CONTAINER_XML, deflate: true },
        { name: 'OPS/book.opf', data: opf(metadata, manifest), deflate: true },
        { name: 'OPS/nav.xhtml', data: nav, deflate: true },
        { name: 'OPS/images/cover art.gif', data: GIF },
      ]),
    );
    const item = await read(epubReader, path);
    expect(item.title).toBe('Quiet Numbers: A Field Guide');
    expect(item.people).toEqual([
      { name: 'Nora Valli', role: 'author' },
      { name: 'Piero Landi', role: 'author' },
      { name: 'Jane Holt', role: 'translator' },
      { name: 'Luca Neri', role: 'narrator' },
      { name: 'Ivo Sarti', role: 'other' },
    ]);
    expect(item.isbns).toEqual(['urn:isbn:9780306406157']);
    expect(item.language).toBeNull();
    expect(item.year).toBe(1999);
    expect(item.description).toBe('First & foremost.\nThen the rest.');
    expect(item.tags).toEqual(['Management', 'sales']);
    expect(item.cover).toEqual({ mime: 'image/gif', data: new Uint8Array(GIF) });
    expect(item.contents).toEqual([
      { title: 'Part One', level: 0 },
      { title: 'Costs & margins', level: 1 },
      { title: 'Part Two', level: 0 },
    ]);
  });

  it('takes the publication date among EPUB 2 dates, and reads calibre\'s "unknown" year 0101 as none', async () => {
    const book = (dates: string): string =>
      dir.file(
        `dates-${dates.length}.epub`,
        zipOf([
          { name: 'META-INF/container.xml', data: CONTAINER_XML },
          { name: 'OPS/book.opf', data: opf(`<dc:title>D</dc:title>${dates}`, '', '2.0') },
        ]),
      );
    const epub2 = await read(
      epubReader,
      book('<dc:date opf:event="modification">2024-02-02</dc:date><dc:date opf:event="publication">2008</dc:date>'),
    );
    expect(epub2.year).toBe(2008);
    expect((await read(epubReader, book('<dc:date>0101-01-01T00:00:00+00:00</dc:date>'))).year).toBeNull();
  });

  it('reads an EPUB over 8 MiB from its file handle (not read whole), and closes it', async () => {
    const path = dir.file(
      'large.epub',
      zipOf([
        { name: 'META-INF/container.xml', data: CONTAINER_XML, deflate: true },
        { name: 'OPS/book.opf', data: opf('<dc:title>Heavy Pictures</dc:title>', ''), deflate: true },
        { name: 'OPS/images/plate.bin', data: new Uint8Array(9 * 1024 * 1024).fill(7) },
      ]),
    );
    expect((await read(epubReader, path)).title).toBe('Heavy Pictures');
    const controller = new AbortController();
    const stopped = failure(epubReader, path, context({}, controller.signal));
    setImmediate(() => controller.abort());
    expect((await stopped).key).toBe('library.failures.timeout');
    expect(await stillOpen([path])).toEqual([]);
  });

  it('refuses a package document too large to be a real one, before parsing it', async () => {
    const padded = opf('<dc:title>Long</dc:title>', '').replace(
      '</package>',
      `<!--${' '.repeat(4 * 1024 * 1024)}--></package>`,
    );
    const path = dir.file(
      'big-opf.epub',
      zipOf([
        { name: 'META-INF/container.xml', data: CONTAINER_XML },
        { name: 'OPS/book.opf', data: padded, deflate: true },
      ]),
    );
    // Spaces compress 1000-fold: the ratio check would refuse it first.
    expect(await failure(epubReader, path, context({ maxRatio: 10_000 }))).toEqual({
      key: 'library.failures.epubPartTooLarge',
      values: { name: 'OPS/book.opf', mb: 4 },
    });
  });

  it('refuses a book without container.xml, or whose container names no package', async () => {
    const noContainer = dir.file('nc.epub', zipOf([{ name: 'OPS/book.opf', data: opf('', '') }]));
    expect((await failure(epubReader, noContainer)).key).toBe('library.failures.epubNoContainer');
    const noPackage = dir.file('np.epub', zipOf([{ name: 'META-INF/container.xml', data: CONTAINER_XML }]));
    expect((await failure(epubReader, noPackage)).key).toBe('library.failures.epubNoPackage');
  });
});

/** A copy of an EPUB whose entry `name` has its deflate data broken (an invalid block type). */
function withBrokenEntry(epub: Buffer, name: string): Buffer {
  const copy = Buffer.from(epub);
  for (let at = copy.indexOf('PK\x03\x04'); at >= 0; at = copy.indexOf('PK\x03\x04', at + 4)) {
    const nameLength = copy.readUInt16LE(at + 26);
    if (copy.toString('utf8', at + 30, at + 30 + nameLength) !== name) continue;
    copy[at + 30 + nameLength + copy.readUInt16LE(at + 28)] = 0xff;
    return copy;
  }
  throw new Error(`no entry ${name}`);
}

describe('damaged but not hostile', () => {
  const dir = scratch('rapport-epub-damaged-');
  afterAll(() => dir.remove());
  const pandoc = readFileSync(fixture('epub-pandoc3.epub'));

  it('falls back to the NCX when the nav cannot be inflated, and leaves out a cover that cannot', async () => {
    const path = dir.file(
      'broken.epub',
      withBrokenEntry(withBrokenEntry(pandoc, 'EPUB/nav.xhtml'), 'EPUB/media/cover.png'),
    );
    const item = await read(epubReader, path);
    expect(item.title).toBe('The Patient Closer');
    expect(item.cover).toBeNull();
    // pandoc's toc.ncx lists the headings of its nav, after an entry for the title page.
    expect(item.contents.map((c) => [c.title, c.level])).toEqual([
      ['The Patient Closer', 0],
      ['Opening the Conversation', 0],
      ['Listening First', 1],
      ['The Two-Second Pause', 2],
      ['Questions That Open', 1],
      ['Handling Objections', 0],
      ['Price Is Rarely the Reason', 1],
      ['Closing Without Pressure', 0],
    ]);
  });

  it('refuses the book when its package document cannot be inflated', async () => {
    const path = dir.file('no-opf.epub', withBrokenEntry(pandoc, 'EPUB/content.opf'));
    expect((await failure(epubReader, path)).key).toBe('library.failures.epubDamaged');
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
    expect((await failure(epubReader, fixture('no-such-book.epub'))).key).toBe('library.failures.notFound');
    expect((await failure(epubReader, FIXTURES)).key).toBe('library.failures.unreadable');
  });

  it('leaves no file open after any of them', async () => {
    const files = ['epub-zipbomb.epub', 'epub-traversal.epub', 'epub-entities.epub', 'epub-lying-size.epub'];
    for (const file of files) await failure(epubReader, fixture(file));
    await read(epubReader, fixture('epub-calibre2.epub'));
    expect(await stillOpen([...files, 'epub-calibre2.epub'].map(fixture))).toEqual([]);
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
    expect(await stillOpen([fixture('epub-calibre2.epub')])).toEqual([]);
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
      'notFound',
      'unreadable',
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

import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '../../../src-main/features/library/fileImport';
import { readerFor } from '../../../src-main/features/library/readers';
import { epubReader } from '../../../src-main/features/library/readers/epub';
import { pdfReader } from '../../../src-main/features/library/readers/pdf';
import { libraryFolder } from '../../../src-main/features/library/storage';
import { FIXED_NOW, freshStore, type TestStore } from '../../helpers/store';
import { FIXTURES } from './helpers';

let t: TestStore;
beforeEach(async () => (t = await freshStore()));
afterEach(() => t.cleanup());

describe('the EPUB and PDF readers in the library file import', () => {
  it('are picked by extension, whatever its case', () => {
    expect(readerFor('/books/A.EPUB')).toBe(epubReader);
    expect(readerFor('/books/b.Pdf')).toBe(pdfReader);
  });

  it('import the fixture folder: the real books are created, every hostile file fails with its own reason', async () => {
    // The folder holds the other readers' fixtures too (media-, notes-): these are the EPUB and PDF ones.
    const mine = readdirSync(FIXTURES)
      .filter((name) => /^(epub|pdf)-/.test(name))
      .map((name) => join(FIXTURES, name));
    const result = await importFiles(t.store, {
      paths: mine,
      link: true,
      onDuplicate: 'report',
      folder: libraryFolder(t.file),
      now: FIXED_NOW,
    });
    const byFile = Object.fromEntries(
      result.results.map((r) => [
        basename(r.file),
        r.status === 'error' ? r.reason : `${r.status} ${r.metadata?.kind}`,
      ]),
    );
    expect(byFile).toEqual({
      'epub-absolute.epub': 'library.failures.epubUnsafeName',
      'epub-calibre2.epub': 'created ebook',
      'epub-drive.epub': 'library.failures.epubUnsafeName',
      'epub-entities.epub': 'library.failures.xmlEntities',
      'epub-lying-size.epub': 'library.failures.epubSizeMismatch',
      'epub-pandoc3.epub': 'created ebook',
      'epub-random.epub': 'library.failures.epubNotZip',
      'epub-traversal.epub': 'library.failures.epubUnsafeName',
      'epub-zipbomb.epub': 'library.failures.epubEntryTooLarge',
      'pdf-bad-kids.pdf': 'library.failures.pdfDamaged',
      // The same book as the pandoc EPUB (title and first author), once its stale Info is passed over.
      'pdf-calibre.pdf': 'duplicate book',
      'pdf-chromium-filename-title.pdf': 'created book',
      'pdf-ghostscript.pdf': 'created book',
      'pdf-loop-outline.pdf': 'created book',
      'pdf-loop.pdf': 'library.failures.pdfLoop',
      // Chromium printed the same page twice: the second differs only by its missing Title.
      'pdf-notitle.pdf': 'duplicate book',
      // The Ghostscript PDF again, encrypted by qpdf with an owner password only: same ISBN.
      'pdf-owner-only.pdf': 'duplicate book',
      'pdf-password.pdf': 'library.failures.pdfPassword',
      'pdf-random.pdf': 'library.failures.pdfNotPdf',
      'pdf-truncated.pdf': 'library.failures.pdfTruncated',
    });
    const rows = await t.store.db
      .selectFrom('library_items')
      .select(['title', 'title_guessed', 'isbn13', 'pages', 'year'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { title: 'Vendere con calma', title_guessed: 0, isbn13: '9788804668237', pages: null, year: 2019 },
      { title: 'The Patient Closer', title_guessed: 0, isbn13: '9780306406157', pages: null, year: 2021 },
      expect.objectContaining({ title: 'Closing Without Pressure', title_guessed: 1, pages: 1 }),
      { title: 'Trust Before Terms', title_guessed: 0, isbn13: '9781861978769', pages: 3, year: 2018 },
      { title: 'Looping Pages', title_guessed: 1, isbn13: null, pages: 1, year: null },
    ]);
  });
});

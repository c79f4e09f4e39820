import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderDialogs, openManySpec } from '../../src-main/features/exchange/dialogs';
import { readableExtensions } from '../../src-main/features/library';
import { translator } from '../../src-main/shared/locales/translate';
import { FIXED_NOW, tempDirsPerTest } from '../helpers/store';

describe("the library's picker (openManySpec)", () => {
  it('offers the kinds of file the readers read, once each, without dots', () => {
    expect(openManySpec('files', translator('en'), ['.pdf', '.EPUB', '.epub', '.mp3'])).toEqual({
      title: 'Add files to the library',
      filters: [{ name: 'Books, recordings and notes', extensions: ['epub', 'mp3', 'pdf'] }],
    });
    expect(openManySpec('folders', translator('it'), ['.pdf'])).toEqual({
      title: 'Aggiungi cartelle alla biblioteca',
      filters: [],
    });
  });

  it('filters nothing when no reader is installed, rather than offer no file at all', () => {
    expect(openManySpec('files', translator('en'), []).filters).toEqual([]);
  });

  it("by default offers the installed readers' extensions", () => {
    const offered = openManySpec('files', translator('en')).filters.flatMap((f) => f.extensions);
    expect(new Set(offered)).toEqual(new Set([...readableExtensions()].map((e) => e.slice(1))));
  });
});

describe("the preview's stand-in picker (folderDialogs.openMany)", () => {
  const dirs = tempDirsPerTest();

  it('picks the files of its library/ folder by name (no hidden ones, no folders), or that folder', async () => {
    const dir = dirs();
    const dialogs = folderDialogs(dir, () => FIXED_NOW);
    expect(await dialogs.openMany('files')).toEqual([]);
    expect(await dialogs.openMany('folders')).toEqual([]);
    const shelf = join(dir, 'library');
    mkdirSync(join(shelf, 'talks'), { recursive: true });
    const readable = [...readableExtensions()];
    const ext = (i: number) => readable[i % Math.max(readable.length, 1)] ?? '.anything';
    writeFileSync(join(shelf, `b-second${ext(1)}`), 'x');
    writeFileSync(join(shelf, `a-first${ext(0)}`), 'x');
    writeFileSync(join(shelf, `.hidden${ext(0)}`), 'x');
    expect(await dialogs.openMany('files')).toEqual([
      join(shelf, `a-first${ext(0)}`),
      join(shelf, `b-second${ext(1)}`),
    ]);
    expect(await dialogs.openMany('folders')).toEqual([shelf]);
  });
});

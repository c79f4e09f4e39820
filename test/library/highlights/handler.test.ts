import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Dialogs } from '../../../src-main/features/exchange/handlers';
import { dispatch } from '../../../src-main/ipc/register';
import type { Handlers } from '../../../src-main/kernel/handlers';
import { storeForEachTest, testHandlers } from '../../helpers/store';
import { fixture, items } from './helpers';

const call = (handlers: Handlers, input: unknown) =>
  dispatch(handlers, 'library.importHighlights', input, () => undefined);

describe('library.importHighlights', () => {
  const t = storeForEachTest();

  it('imports a file named by the CLI side (no dialogs) and answers with the counts', async () => {
    expect(await call(t.handlers, { source: 'kindle', path: fixture('clippings-it.txt') })).toEqual({
      ok: true,
      value: { itemsCreated: 2, itemsMatched: 0, highlights: 3, notes: 1, bookmarks: 1, duplicatesSkipped: 0 },
    });
    expect(await call(t.handlers, { source: 'kindle', path: 'My Clippings.txt' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'failures.pathRelative' },
    });
    expect(await call(t.handlers, { source: 'kindle', path: join(t.dir, 'book.epub') })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'failures.pathExtension' },
    });
    expect(await call(t.handlers, { source: 'audible', path: fixture('clippings-it.txt') })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('from a renderer, reads only a file the user picked to import', async () => {
    const file = join(t.dir, 'My Clippings.txt');
    copyFileSync(fixture('clippings-en.txt'), file);
    const dialogs: Dialogs = {
      saveFile: vi.fn(async () => file),
      openFile: vi.fn(async () => file),
      openMany: vi.fn(async () => [file]),
    };
    const handlers = testHandlers(t.store, { exchange: { dialogs } });
    expect(await call(handlers, { source: 'kindle', path: file })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'failures.chooseFileFirst' },
    });
    await dispatch(handlers, 'dialog.openFile', { purpose: 'import' }, () => undefined);
    expect(await call(handlers, { source: 'kindle', path: file })).toMatchObject({
      ok: true,
      value: { itemsCreated: 4, highlights: 6 },
    });
    expect(items(t.store)).toHaveLength(4);
  });

  it('words a problem with the file in the language of the settings', async () => {
    await t.handlers['settings.update']({ language: 'it' });
    expect(await call(t.handlers, { source: 'goodreads', path: join(t.dir, 'missing.csv') })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^missing\.csv non esiste/) },
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caller, type Caller } from '../helpers/caller';
import { freshStore, type TestStore } from '../helpers/store';

let t: TestStore;
let call: Caller;
beforeEach(async () => {
  t = await freshStore();
  call = caller(t);
});
afterEach(() => t.cleanup());

describe('the library in the one full-text search', () => {
  it('finds items and highlights without accents or case, a highlight under its book’s title and opening it', async () => {
    const book = await call('library.create', {
      kind: 'book',
      title: 'La città che compra',
      summary: 'Perché i clienti di provincia decidono in fretta.',
      tags: ['negoziazione'],
      finishedOn: '2026-05-02',
      status: 'done',
    });
    const highlight = await call('library.highlightSave', {
      itemId: book.id,
      text: 'Il silenzio dopo il prezzo è un’offerta.',
      note: 'Provare con Bianchi',
    });
    const items = await call('search.query', { text: 'citta', kinds: ['library'] });
    expect(items.items).toEqual([
      expect.objectContaining({ kind: 'library', id: book.id, itemId: book.id, date: '2026-05-02' }),
    ]);
    expect((await call('search.query', { text: 'perche provin' })).counts.library).toBe(1);
    const hits = await call('search.query', { text: 'offerta bianch' });
    expect(hits.items).toEqual([
      expect.objectContaining({ kind: 'highlight', id: highlight.id, title: 'La città che compra', itemId: book.id }),
    ]);
    // The highlight follows its book's new title; a deleted book takes its rows out.
    await call('library.update', {
      id: book.id,
      kind: 'book',
      title: 'La città che vende',
      status: 'done',
      finishedOn: '2026-05-02',
    });
    expect((await call('search.query', { text: 'vende', kinds: ['highlight'] })).total).toBe(1);
    await call('library.delete', { id: book.id });
    expect((await call('search.query', { text: 'silenzio' })).total).toBe(0);
    expect((await call('search.query', { text: 'citta' })).total).toBe(0);
  });

  it('filters the library list by the same search, through highlights and people too', async () => {
    const a = await call('library.create', {
      kind: 'book',
      title: 'Domande lente',
      people: [{ name: 'Elena Marchi' }],
    });
    const b = await call('library.create', { kind: 'video', title: 'Demo che vendono' });
    await call('library.highlightSave', { itemId: b.id, text: 'Mostra tre flussi, non di più.' });
    const titles = async (text: string) => (await call('library.list', { text })).items.map((i) => i.id).sort();
    expect(await titles('lent')).toEqual([a.id]);
    expect(await titles('flussi')).toEqual([b.id]);
    expect(await titles('marchi')).toEqual([a.id]);
    expect(await titles('100%_')).toEqual([]);
  });
});

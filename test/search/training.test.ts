import type Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src-main/db/connection';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import { CODE_OF_ROWID, ID_OF_ROWID, SEARCH_KIND_CODES, searchIndexIsIntact } from '../../src-main/db/searchIndex';
import { TrainingNoteInput } from '../../src-main/features/training/contract';
import { SEARCH_KINDS } from '../../src-main/features/search/contract';
import { databaseAt } from '../helpers/migrations';
import { FIXED_NOW, storeForEachTest, tempDirsPerTest, testHandlers } from '../helpers/store';
import { addCustomer } from './helpers';

const t = storeForEachTest();
const tempDir = tempDirsPerTest();

const KIND_OF = Object.fromEntries(Object.entries(SEARCH_KIND_CODES).map(([kind, code]) => [code, kind]));
const AT = FIXED_NOW.toISOString();

/** The records a word finds, as "kind id". */
function found(sqlite: Database.Database, word: string): string[] {
  const rows = sqlite
    .prepare(`SELECT ${CODE_OF_ROWID} AS code, ${ID_OF_ROWID} AS id FROM search_index WHERE search_index MATCH ?`)
    .all(`"${word}"*`) as { code: number; id: number }[];
  return rows.map((r) => `${KIND_OF[r.code] ?? `code ${r.code}`} ${r.id}`).sort();
}

/** The index's rows of training notes: title and body. */
function trainingRows(sqlite: Database.Database): { id: number; date: string; title: string | null; body: string }[] {
  return sqlite
    .prepare(
      `SELECT ${ID_OF_ROWID} AS id, date, title, body FROM search_index
       WHERE ${CODE_OF_ROWID} = ${SEARCH_KIND_CODES.training} ORDER BY 1`,
    )
    .all() as { id: number; date: string; title: string | null; body: string }[];
}

const integrityCheck = (sqlite: Database.Database): void =>
  void sqlite.exec("INSERT INTO search_index (search_index) VALUES ('integrity-check')");

function addProduct(sqlite: Database.Database, name: string): number {
  return Number(
    sqlite.prepare("INSERT INTO products (name, currency, created_at) VALUES (?, 'EUR', ?)").run(name, AT)
      .lastInsertRowid,
  );
}

function addNote(
  sqlite: Database.Database,
  note: { productId?: number; subject?: string; name?: string; features?: string; who?: string; objections?: unknown },
  updatedAt = AT,
): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO training_notes (subject, product_id, name, features, who, objections, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        note.subject ?? (note.productId ? 'product' : 'segment'),
        note.productId ?? null,
        note.name ?? null,
        note.features ?? null,
        note.who ?? null,
        JSON.stringify(note.objections ?? []),
        AT,
        updatedAt,
      ).lastInsertRowid,
  );
}

/** A row only a full rebuild would drop: a customer's (code 4) whose customer, 999, does not exist. */
function strayRow(sqlite: Database.Database): void {
  sqlite.exec(
    `INSERT INTO search_index (rowid, date, title, body) VALUES ((1 << 40) + (999 << 3) + 4, NULL, 'orfano', '')`,
  );
}

describe('training notes in the search index', () => {
  it('takes code 6, the library’s items and highlights 7 and 0: every code of the three bits, each once', () => {
    expect(SEARCH_KIND_CODES).toMatchObject({ training: 6, library: 7, highlight: 0 });
    const codes = Object.values(SEARCH_KIND_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(SEARCH_KINDS).toContain('training');
  });

  it('indexes every part: the product’s name as title, features to objections and answers to body', () => {
    const { sqlite } = t.store;
    const suite = addProduct(sqlite, 'Suite Enterprise');
    const id = addNote(
      sqlite,
      {
        productId: suite,
        features: 'Accesso unico',
        objections: [
          { objection: 'Perché costa così tanto?', answer: 'Confronta il costo per utente' },
          { objection: 'Dobbiamo sentire l’IT', answer: '' },
        ],
      },
      '2026-05-04T10:00:00.000Z',
    );
    sqlite
      .prepare("UPDATE training_notes SET benefits = 'Meno passaggi', body = 'Visita in città' WHERE id = ?")
      .run(id);
    expect(trainingRows(sqlite)).toEqual([
      {
        id,
        date: '2026-05-04',
        title: 'Suite Enterprise',
        body:
          'Accesso unico\nMeno passaggi\nPerché costa così tanto?\nConfronta il costo per utente\n' +
          'Dobbiamo sentire l’IT\n\nVisita in città',
      },
    ]);
    // Accents and case do not matter.
    for (const word of ['perche', 'PERCHÉ', 'citta', 'utente', 'suite'])
      expect(found(sqlite, word), word).toEqual([`training ${id}`]);
    integrityCheck(sqlite);
  });

  it('follows a product’s new name, a note’s changes, and deletes (the product’s too)', () => {
    const { sqlite } = t.store;
    const kit = addProduct(sqlite, 'Kit hardware');
    const note = addNote(sqlite, { productId: kit, features: 'Tablet rugged' });
    const smb = addNote(sqlite, { subject: 'segment', name: 'Piccola impresa', who: 'Titolari' });
    sqlite.prepare("UPDATE products SET name = 'Kit negozio' WHERE id = ?").run(kit);
    expect(found(sqlite, 'negozio')).toEqual([`training ${note}`]);
    expect(found(sqlite, 'hardware')).toEqual([]);
    sqlite.prepare("UPDATE training_notes SET name = 'Micro impresa' WHERE id = ?").run(smb);
    expect(found(sqlite, 'micro')).toEqual([`training ${smb}`]);
    expect(found(sqlite, 'piccola')).toEqual([]);
    // A product's other columns leave its note's row alone.
    sqlite.prepare('UPDATE products SET list_price_minor = 100 WHERE id = ?').run(kit);
    expect(trainingRows(sqlite)).toHaveLength(2);
    sqlite.prepare('DELETE FROM products WHERE id = ?').run(kit);
    expect(trainingRows(sqlite).map((r) => r.id)).toEqual([smb]);
    sqlite.prepare('DELETE FROM training_notes WHERE id = ?').run(smb);
    expect(trainingRows(sqlite)).toEqual([]);
    integrityCheck(sqlite);
  });

  it('is found by the search box, grouped as training, titled by product or group', async () => {
    const h = t.handlers;
    const product = await h['products.create']({
      name: 'Assistenza premium',
      currency: 'EUR',
      category: null,
      listPriceMinor: null,
    });
    const note = await h['training.create'](
      TrainingNoteInput.parse({
        subject: 'product',
        productId: product.id,
        objections: [{ objection: 'Non ci serve', answer: 'Chiedi del fermo più lungo dell’anno' }],
      }),
    );
    const hospitality = await h['training.create'](
      TrainingNoteInput.parse({ subject: 'industry', name: 'Turismo', caresAbout: 'L’alta stagione: niente novità' }),
    );
    addCustomer(t.store.sqlite, 'Hotel Lago', 'Alta stagione piena');
    const result = await h['search.query']({ text: 'stagione', order: 'best', limit: 20, offset: 0 });
    expect(result.counts).toMatchObject({ training: 1, customer: 1 });
    expect(result.items.find((i) => i.kind === 'training')).toMatchObject({
      id: hospitality.id,
      title: 'Turismo',
      date: FIXED_NOW.toISOString().slice(0, 10),
      customerId: null,
    });
    const fermo = await h['search.query']({
      text: 'piu lungo',
      kinds: ['training'],
      order: 'best',
      limit: 20,
      offset: 0,
    });
    expect(fermo.items.map((i) => [i.kind, i.id, i.title])).toEqual([['training', note.id, 'Assistenza premium']]);
    expect(fermo.items[0]!.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['più', 'lungo']);
  });
});

describe('a version-6 database moving to version 7', () => {
  const V6 = `
    INSERT INTO customers (id, name, name_key, notes, segment, created_at, updated_at)
      VALUES (1, 'Ada', 'ada', 'Cliente perché fedele', 'Piccola impresa', '2025-01-02T10:00:00.000Z', 'x');
    INSERT INTO products (id, name, currency, created_at) VALUES (1, 'Abbonamento Professional', 'EUR', 'x');`;

  it('keeps its index, adds the training notes’ triggers without a rebuild, and finds notes without accents', async () => {
    const m = await databaseAt(6, V6);
    // At version 6 there is no training table: the index is whole without it.
    expect(await searchIndexIsIntact(m.db)).toBe(true);
    expect(found(m.sqlite, 'perche')).toEqual(['customer 1']);
    strayRow(m.sqlite);

    await migrate(m.db, 6, 7);
    expect(await searchIndexIsIntact(m.db)).toBe(true);
    const triggers = m.sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'search_index_training%'")
      .pluck()
      .all();
    expect([...triggers].sort()).toEqual([
      'search_index_training_notes_delete',
      'search_index_training_notes_follows_products',
      'search_index_training_notes_insert',
      'search_index_training_notes_update',
    ]);
    // Not rebuilt: the row no source wrote is still there, and so is the customer's.
    expect(found(m.sqlite, 'orfano')).toEqual(['customer 999']);
    expect(found(m.sqlite, 'fedele')).toEqual(['customer 1']);

    const note = addNote(m.sqlite, {
      productId: 1,
      features: 'Report per città',
      objections: [{ objection: 'Perché cambiare?', answer: 'Mezza giornata risparmiata' }],
    });
    const group = addNote(m.sqlite, { subject: 'segment', name: 'Piccola impresa', who: 'Titolari' });
    expect(found(m.sqlite, 'citta')).toEqual([`training ${note}`]);
    expect(found(m.sqlite, 'perche')).toEqual(['customer 1', `training ${note}`]);
    expect(found(m.sqlite, 'professional')).toEqual([`training ${note}`]);
    expect(found(m.sqlite, 'piccola')).toEqual([`training ${group}`]);
    integrityCheck(m.sqlite);
  });

  it('when the app opens a version-6 file: migrated, notes written through the app found', async () => {
    const m = await databaseAt(6, V6);
    const file = join(tempDir(), 'v6.sqlite');
    m.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(m.sqlite.name, file);
    const store = await openDatabase(file, { now: () => FIXED_NOW, snapshotPath: () => join(tempDir(), 'snap.bak') });
    try {
      expect(store.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(await searchIndexIsIntact(store.db)).toBe(true);
      const h = testHandlers(store);
      const note = await h['training.create'](
        TrainingNoteInput.parse({
          subject: 'segment',
          name: 'Piccola impresa',
          whatWorks: 'Demo sui loro dati, più brevi',
        }),
      );
      const result = await h['search.query']({ text: 'piu brevi', order: 'newest', limit: 5, offset: 0 });
      expect(result.items.map((i) => [i.kind, i.id, i.title])).toEqual([['training', note.id, 'Piccola impresa']]);
    } finally {
      await store.close();
    }
  });
});

describe('opening repairs the training part alone', () => {
  it('refills the notes when their triggers were lost, drops rows left of deleted notes, keeps the rest', async () => {
    const { sqlite } = t.store;
    const widget = addProduct(sqlite, 'Widget');
    const kept = addNote(sqlite, { productId: widget, features: 'Robusto' });
    const gone = addNote(sqlite, { subject: 'industry', name: 'Logistica', who: 'Magazzini' });
    addCustomer(sqlite, 'Ada', 'Ama il caffè');
    strayRow(sqlite);
    // Another tool drops a trigger; meanwhile a note is deleted and one written, unseen by the index.
    sqlite.exec('DROP TRIGGER search_index_training_notes_delete; DROP TRIGGER search_index_training_notes_insert');
    sqlite.prepare('DELETE FROM training_notes WHERE id = ?').run(gone);
    const added = addNote(sqlite, { subject: 'segment', name: 'Grande impresa', who: 'Comitati di acquisto' });
    expect(found(sqlite, 'magazzini')).toEqual([`training ${gone}`]);
    expect(found(sqlite, 'comitati')).toEqual([]);
    await t.store.close();

    const store = await openDatabase(t.file, { now: () => FIXED_NOW });
    const removeAll = t.cleanup;
    t.cleanup = async () => {
      await store.close();
      await removeAll();
    };
    expect(await searchIndexIsIntact(store.db)).toBe(true);
    expect(found(store.sqlite, 'magazzini')).toEqual([]);
    expect(found(store.sqlite, 'comitati')).toEqual([`training ${added}`]);
    expect(trainingRows(store.sqlite).map((r) => r.id)).toEqual([kept, added]);
    // Not a rebuild: the other kinds' rows, and the one no source wrote, are as they were.
    expect(found(store.sqlite, 'orfano')).toEqual(['customer 999']);
    expect(found(store.sqlite, 'caffe')).toHaveLength(1);
    integrityCheck(store.sqlite);
  });
});

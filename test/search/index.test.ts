import type Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src-main/db/connection';
import {
  CODE_OF_ROWID,
  ensureSearchIndex,
  ID_OF_ROWID,
  SEARCH_DEFERRED,
  SEARCH_KIND_CODES,
  SEARCH_TRIGGERS,
  searchIndexIsIntact,
} from '../../src-main/db/searchIndex';
import { api, type Channel, type Input, type Output, type ParsedInput } from '../../src-main/shared/api';
import { databaseAt } from '../helpers/migrations';
import { addCustomer, addSale } from './helpers';
import { importFile, paused } from '../imports/helpers';
import { ImportCancelled } from '../../src-main/features/imports/engine';
import { FIXED_NOW, storeForEachTest, testHandlers, type TestStore } from '../helpers/store';

const t = storeForEachTest();

async function call<C extends Channel>(channel: C, input?: Input<C>, handlers = t.handlers): Promise<Output<C>> {
  const handler = handlers[channel] as (input: ParsedInput<C>) => Promise<Output<C>>;
  return api[channel].output.parse(await handler(api[channel].input.parse(input) as ParsedInput<C>)) as Output<C>;
}

const KIND_OF = Object.fromEntries(Object.entries(SEARCH_KIND_CODES).map(([kind, code]) => [code, kind]));

interface Indexed {
  kind: string;
  id: number;
  date: string | null;
  title: string | null;
  body: string | null;
}

/** Every row of the index, decoded in SQL (rowids pass 2^53). */
function indexed(sqlite: Database.Database): Indexed[] {
  const rows = sqlite
    .prepare(`SELECT ${CODE_OF_ROWID} AS code, ${ID_OF_ROWID} AS id, date, title, body FROM search_index`)
    .all() as (Omit<Indexed, 'kind'> & { code: number })[];
  return rows
    .map(({ code, ...row }) => ({ kind: KIND_OF[code]!, ...row }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.id - b.id);
}
const of = (sqlite: Database.Database, kind: string): Indexed[] => indexed(sqlite).filter((r) => r.kind === kind);

/** FTS5's own check that the index holds exactly what its content says. */
function integrityCheck(sqlite: Database.Database): void {
  sqlite.exec("INSERT INTO search_index (search_index) VALUES ('integrity-check')");
}

/** The records a word finds, as "kind id". */
function found(sqlite: Database.Database, word: string): string[] {
  const rows = sqlite
    .prepare(`SELECT ${CODE_OF_ROWID} AS code, ${ID_OF_ROWID} AS id FROM search_index WHERE search_index MATCH ?`)
    .all(`"${word}"`) as { code: number; id: number }[];
  return rows.map((r) => `${KIND_OF[r.code]} ${r.id}`).sort();
}

const AT = FIXED_NOW.toISOString();

describe('the search index follows its sources', () => {
  it('journal entries: every text field in, a change re-indexes, a delete removes', () => {
    const { sqlite } = t.store;
    const id = Number(
      sqlite
        .prepare(
          `INSERT INTO journal_entries (entry_date, title, situation, action, outcome, learned, next_time, tags, body, created_at, updated_at)
           VALUES ('2026-03-04', 'Prezzo troppo alto', 'Trattativa a Forlì', 'Ho taciuto', 'worked', 'Il silenzio aiuta',
             'Chiedere il budget', '["prezzo","silenzio"]', '## Note\nPerché ha funzionato?', ?, ?)`,
        )
        .run(AT, AT).lastInsertRowid,
    );
    expect(of(sqlite, 'journal')).toEqual([
      {
        kind: 'journal',
        id,
        date: '2026-03-04',
        title: 'Prezzo troppo alto',
        body: 'Trattativa a Forlì\nHo taciuto\nIl silenzio aiuta\nChiedere il budget\n## Note\nPerché ha funzionato?\nprezzo\nsilenzio',
      },
    ]);
    expect(found(sqlite, 'forli')).toEqual([`journal ${id}`]);

    sqlite
      .prepare(
        "UPDATE journal_entries SET title = 'Sconto evitato', tags = '[\"sconto\"]', entry_date = '2026-03-05' WHERE id = ?",
      )
      .run(id);
    expect(of(sqlite, 'journal')).toMatchObject([{ id, date: '2026-03-05', title: 'Sconto evitato' }]);
    expect(found(sqlite, 'sconto')).toEqual([`journal ${id}`]);
    expect(found(sqlite, 'troppo')).toEqual([]);
    // A change to a field the index does not hold leaves it as it is.
    sqlite.prepare("UPDATE journal_entries SET outcome = 'mixed', confidence = 3 WHERE id = ?").run(id);
    expect(of(sqlite, 'journal')).toHaveLength(1);
    integrityCheck(sqlite);

    sqlite.prepare('DELETE FROM journal_entries WHERE id = ?').run(id);
    expect(indexed(sqlite)).toEqual([]);
    integrityCheck(sqlite);
  });

  it('techniques: name, description, steps and source', () => {
    const { sqlite } = t.store;
    const id = Number(
      sqlite
        .prepare(
          `INSERT INTO techniques (name, description, steps, source, category, created_at, updated_at)
           VALUES ('Feel-felt-found', 'Empatia prima della risposta', '["Capisco come si sente","Altri hanno pensato"]',
             'Corso di vendita', 'objections', '2026-01-02T08:00:00.000Z', ?)`,
        )
        .run(AT).lastInsertRowid,
    );
    expect(of(sqlite, 'technique')).toEqual([
      {
        kind: 'technique',
        id,
        date: '2026-01-02',
        title: 'Feel-felt-found',
        body: 'Empatia prima della risposta\nCapisco come si sente\nAltri hanno pensato\nCorso di vendita',
      },
    ]);
    sqlite.prepare('UPDATE techniques SET steps = \'["Ascoltare"]\', source = NULL WHERE id = ?').run(id);
    expect(of(sqlite, 'technique')[0]!.body).toBe('Empatia prima della risposta\nAscoltare');
    sqlite.prepare('UPDATE techniques SET retired_at = ? WHERE id = ?').run(AT, id);
    expect(of(sqlite, 'technique')).toHaveLength(1);
    sqlite.prepare('DELETE FROM techniques WHERE id = ?').run(id);
    expect(indexed(sqlite)).toEqual([]);
    integrityCheck(sqlite);
  });

  it('sales: only with notes; notes written or cleared later move them in or out; closing moves the date', () => {
    const { sqlite } = t.store;
    const ada = addCustomer(sqlite, 'Ada');
    const noted = addSale(sqlite, ada, 'Workshop', 'Vuole una demo a Cantù');
    const silent = addSale(sqlite, ada, 'Licenze', null);
    const blank = addSale(sqlite, ada, 'Rinnovo', '  \n ');
    expect(of(sqlite, 'sale')).toEqual([
      { kind: 'sale', id: noted, date: '2026-02-01', title: 'Workshop', body: 'Vuole una demo a Cantù' },
    ]);

    sqlite.prepare("UPDATE sales SET notes = 'Budget approvato' WHERE id = ?").run(silent);
    sqlite.prepare("UPDATE sales SET status = 'won', stage = NULL, closed_on = '2026-02-20' WHERE id = ?").run(noted);
    sqlite.prepare('UPDATE sales SET amount_minor = 5 WHERE id = ?').run(blank);
    expect(of(sqlite, 'sale')).toEqual([
      { kind: 'sale', id: noted, date: '2026-02-20', title: 'Workshop', body: 'Vuole una demo a Cantù' },
      { kind: 'sale', id: silent, date: '2026-02-01', title: 'Licenze', body: 'Budget approvato' },
    ]);

    sqlite.prepare("UPDATE sales SET notes = '' WHERE id = ?").run(noted);
    sqlite.prepare("UPDATE sales SET title = 'Licenze 2027' WHERE id = ?").run(silent);
    expect(of(sqlite, 'sale')).toMatchObject([{ id: silent, title: 'Licenze 2027' }]);
    sqlite.prepare('DELETE FROM sales WHERE id = ?').run(silent);
    expect(of(sqlite, 'sale')).toEqual([]);
    integrityCheck(sqlite);
  });

  it('sales written through the app’s own handlers', async () => {
    const customer = await call('customers.create', { name: 'Bruno', tags: [] });
    const sale = await call('sales.create', {
      title: 'Consulenza',
      customerId: customer.id,
      amountMinor: 100,
      currency: 'EUR',
      status: 'open',
      openedOn: '2026-04-01',
      notes: 'Richiamare dopo l’estate',
    });
    expect(found(t.store.sqlite, 'estate')).toEqual([`sale ${sale.id}`]);
    await call('sales.delete', { id: sale.id });
    expect(found(t.store.sqlite, 'estate')).toEqual([]);
  });

  it('customers: only with notes; renaming re-indexes; deleting removes them and their complaints', () => {
    const { sqlite } = t.store;
    const ada = addCustomer(sqlite, 'Ada Rossi', 'Preferisce le email');
    const bea = addCustomer(sqlite, 'Bea', null);
    expect(of(sqlite, 'customer')).toEqual([
      { kind: 'customer', id: ada, date: '2026-01-05', title: 'Ada Rossi', body: 'Preferisce le email' },
    ]);
    sqlite.prepare("UPDATE customers SET name = 'Ada Bianchi' WHERE id = ?").run(ada);
    sqlite.prepare("UPDATE customers SET notes = 'Cliente storico' WHERE id = ?").run(bea);
    sqlite.prepare('UPDATE customers SET archived_at = ? WHERE id = ?').run(AT, ada);
    expect(of(sqlite, 'customer').map((r) => [r.id, r.title])).toEqual([
      [ada, 'Ada Bianchi'],
      [bea, 'Bea'],
    ]);

    const complaint = Number(
      sqlite
        .prepare(
          `INSERT INTO complaints (customer_id, opened_on, source, category, severity, description, remind_on, created_at, updated_at)
           VALUES (?, '2026-03-01', 'call', 'delivery', 'high', 'Consegna in ritardo di una settimana', '2026-03-08', ?, ?)`,
        )
        .run(bea, AT, AT).lastInsertRowid,
    );
    expect(of(sqlite, 'complaint')).toEqual([
      {
        kind: 'complaint',
        id: complaint,
        date: '2026-03-01',
        title: null,
        body: 'Consegna in ritardo di una settimana',
      },
    ]);
    sqlite
      .prepare(
        "UPDATE complaints SET status = 'resolved', resolved_on = '2026-03-03', resolution = 'Spedizione rifatta' WHERE id = ?",
      )
      .run(complaint);
    expect(of(sqlite, 'complaint')[0]!.body).toBe('Consegna in ritardo di una settimana\nSpedizione rifatta');
    // The complaint goes with its customer (ON DELETE CASCADE fires its trigger too).
    sqlite.prepare('DELETE FROM customers WHERE id = ?').run(bea);
    expect(indexed(sqlite).map((r) => [r.kind, r.id])).toEqual([['customer', ada]]);
    sqlite.prepare('UPDATE customers SET notes = NULL WHERE id = ?').run(ada);
    expect(indexed(sqlite)).toEqual([]);
    integrityCheck(sqlite);
  });

  it('complaints written through the care handlers', async () => {
    const customer = await call('customers.create', { name: 'Carla', tags: [] });
    const complaint = await call('care.complaints.create', {
      customerId: customer.id,
      openedOn: '2026-05-02',
      source: 'email',
      category: 'billing',
      description: 'Fattura doppia',
    });
    await call('care.complaints.update', { id: complaint.id, patch: { resolution: 'Nota di credito emessa' } });
    expect(of(t.store.sqlite, 'complaint')).toEqual([
      {
        kind: 'complaint',
        id: complaint.id,
        date: '2026-05-02',
        title: null,
        body: 'Fattura doppia\nNota di credito emessa',
      },
    ]);
  });

  it('an import undo removes the sales and customers it takes away from the index', async () => {
    const path = join(t.dir, 'notes.csv');
    writeFileSync(
      path,
      'Date,Customer,Amount,Status,Notes\n2026-03-02,Dario,10,won,Rinnovo triennale firmato\n' +
        '2026-03-03,Elena,20,lost,Preferiscono il concorrente\n2026-03-04,Elena,5,won,\n',
    );
    const result = await call('import.run', { path, kind: 'sales', options: {}, skipInvalid: false, dryRun: false });
    expect(result.inserted).toBe(3);
    t.store.sqlite.exec("UPDATE customers SET notes = 'Conosciuta in fiera' WHERE name = 'Elena'");
    expect(found(t.store.sqlite, 'triennale')).toHaveLength(1);
    expect(found(t.store.sqlite, 'concorrente')).toHaveLength(1);
    expect(found(t.store.sqlite, 'fiera')).toHaveLength(1);
    expect(indexed(t.store.sqlite)).toHaveLength(3);

    expect(await call('import.undo', { batchId: result.batch_id! })).toMatchObject({
      salesRemoved: 3,
      customersRemoved: 2,
    });
    expect(indexed(t.store.sqlite)).toEqual([]);
    integrityCheck(t.store.sqlite);
  });

  it("an import's rows are indexed in one pass at its end; a cancelled one leaves none behind", async () => {
    // Several 256 KiB chunks, so the import is written in steps; held after its first.
    const csv = (word: string): string => {
      const lines = ['Date,Customer,Amount,Status,Notes'];
      for (let i = 1; i <= 8_000; i++)
        lines.push(
          `2026-03-${String((i % 28) + 1).padStart(2, '0')},Cliente ${word} ${i % 40},${i},won,${word} ordine ${i}`,
        );
      return `${lines.join('\n')}\n`;
    };
    const held = async (word: string, signal?: AbortSignal) => {
      const pause = paused();
      const path = join(t.dir, `${word}.csv`);
      writeFileSync(path, csv(word));
      const done = importFile(t, path, { ...pause.pacing, ...(signal ? { signal } : {}) }).catch(
        (error: unknown) => error,
      );
      await pause.holding;
      return { release: pause.release, done };
    };

    const whole = await held('vendemmia');
    // Between steps: rows written, none of them indexed yet.
    expect(
      t.store.sqlite.prepare("SELECT count(*) FROM sales WHERE notes LIKE 'vendemmia%'").pluck().get(),
    ).toBeGreaterThan(0);
    expect(found(t.store.sqlite, 'vendemmia')).toEqual([]);
    whole.release();
    expect(await whole.done).toMatchObject({ inserted: 8_000 });
    expect(found(t.store.sqlite, 'vendemmia')).toHaveLength(8_000);

    const controller = new AbortController();
    const cancelled = await held('grandine', controller.signal);
    controller.abort();
    cancelled.release();
    expect(await cancelled.done).toBeInstanceOf(ImportCancelled);
    expect(found(t.store.sqlite, 'grandine')).toEqual([]);
    expect(t.store.sqlite.prepare('SELECT count(*) FROM search_index_deferred').pluck().get()).toBe(0);
    expect(indexed(t.store.sqlite)).toHaveLength(8_000);
    integrityCheck(t.store.sqlite);
  });

  it('each record has one row, reached by its rowid', () => {
    const { sqlite } = t.store;
    const ada = addCustomer(sqlite, 'Ada', 'Nota');
    for (let i = 0; i < 5; i++) sqlite.prepare('UPDATE customers SET notes = ? WHERE id = ?').run(`Nota ${i}`, ada);
    expect(of(sqlite, 'customer')).toEqual([
      { kind: 'customer', id: ada, date: '2026-01-05', title: 'Ada', body: 'Nota 4' },
    ]);
    // Every trigger writes the index by rowid only (a product's renaming: the rowids of its notes).
    const triggers = sqlite
      .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'search_index_%'")
      .pluck()
      .all() as string[];
    expect(triggers).toHaveLength(SEARCH_TRIGGERS.length);
    for (const statement of triggers.filter((s) => s.includes('DELETE FROM search_index')))
      expect(statement).toMatch(/DELETE FROM search_index WHERE rowid (= \(|IN \(SELECT )/);
    const renaming = sqlite
      .prepare('EXPLAIN QUERY PLAN DELETE FROM search_index WHERE rowid IN (SELECT id FROM training_notes)')
      .all() as { detail: string }[];
    expect(renaming.map((r) => r.detail)).toContain('SCAN search_index VIRTUAL TABLE INDEX 0:=');
  });
});

describe('the index rebuilds itself', () => {
  /** A store with one record of every kind, closed, and how to open it again. */
  async function withRecords(): Promise<{ reopen: () => Promise<TestStore['store']>; expected: Indexed[] }> {
    const { sqlite } = t.store;
    const ada = addCustomer(sqlite, 'Ada', 'Ama il caffè');
    addSale(sqlite, ada, 'Workshop', 'Demo in città');
    sqlite.exec(
      `INSERT INTO techniques (name, description, created_at) VALUES ('SPIN', 'Domande di situazione', '${AT}');
       INSERT INTO journal_entries (entry_date, title, body, created_at, updated_at) VALUES ('2026-06-01', 'Perché?', 'Testo', 'x', 'x');
       INSERT INTO complaints (customer_id, opened_on, source, category, severity, description, remind_on, created_at, updated_at)
         VALUES (${ada}, '2026-03-01', 'call', 'delivery', 'high', 'In ritardo', '2026-03-08', 'x', 'x');`,
    );
    const expected = indexed(sqlite);
    expect(expected.map((r) => r.kind)).toEqual(['complaint', 'customer', 'journal', 'sale', 'technique']);
    await t.store.close();
    const stores: TestStore['store'][] = [];
    const removeAll = t.cleanup;
    t.cleanup = async () => {
      for (const s of stores) await s.close();
      await removeAll();
    };
    return {
      expected,
      reopen: async () => {
        const store = await openDatabase(t.file, { now: () => FIXED_NOW });
        stores.push(store);
        return store;
      },
    };
  }

  /** Opens the file apart from the app (no check on open) to break the index. */
  async function damage(statements: string, unsafe = false): Promise<void> {
    const { default: Sqlite } = await import('better-sqlite3');
    const raw = new Sqlite(t.file);
    if (unsafe) raw.unsafeMode(true);
    raw.exec(statements);
    raw.close();
  }

  it('leaves a whole index alone', async () => {
    const { reopen, expected } = await withRecords();
    const store = await reopen();
    expect(await searchIndexIsIntact(store.db)).toBe(true);
    expect(await ensureSearchIndex(store.db)).toBe(false);
    expect(indexed(store.sqlite)).toEqual(expected);
  });

  it.each([
    ['the table is dropped', 'DROP TABLE search_index', false],
    ['a trigger is dropped', 'DROP TRIGGER search_index_sales_update', false],
    [
      'a trigger is not the one defined',
      'DROP TRIGGER search_index_customers_insert; CREATE TRIGGER search_index_customers_insert AFTER INSERT ON customers BEGIN SELECT 1; END',
      false,
    ],
    ['its data is lost', 'DELETE FROM search_index_data', true],
    [
      'the table was made another way',
      'DROP TABLE search_index; CREATE VIRTUAL TABLE search_index USING fts5(title, body)',
      false,
    ],
  ])('when %s, on the next open', async (_what, statements, unsafe) => {
    const { reopen, expected } = await withRecords();
    await damage(statements, unsafe);
    const store = await reopen();
    expect(await searchIndexIsIntact(store.db)).toBe(true);
    expect(indexed(store.sqlite)).toEqual(expected);
    integrityCheck(store.sqlite);
    // …and the triggers work again.
    const triggers = store.sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'search_index_%' ORDER BY name")
      .pluck()
      .all();
    expect(triggers).toEqual([...SEARCH_TRIGGERS].sort());
    store.sqlite.exec("UPDATE sales SET notes = 'Firmato oggi'");
    expect(found(store.sqlite, 'firmato')).toHaveLength(1);
  });

  it('inside the caller’s transaction, all or nothing', async () => {
    const { reopen } = await withRecords();
    const store = await reopen();
    store.sqlite.exec('DROP TABLE search_index');
    await expect(
      store.db.transaction().execute(async (trx) => {
        expect(await ensureSearchIndex(trx)).toBe(true);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // As it was: the table missing, the triggers and the deferred batches' table there.
    expect(await searchIndexIsIntact(store.db)).toBe(false);
    const left = store.sqlite.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'search_index%'").pluck().all();
    expect([...left].sort()).toEqual([...SEARCH_TRIGGERS, SEARCH_DEFERRED].sort());
  });
});

describe('migration 0006', () => {
  it('fills the index from a version-5 database’s rows', async () => {
    const m = await databaseAt(
      5,
      `
      INSERT INTO customers (id, name, name_key, notes, created_at, updated_at) VALUES
        (1, 'Ada', 'ada', 'Cliente dal 2019, perché fedele', '2025-01-02T10:00:00.000Z', 'x'),
        (2, 'Bea', 'bea', NULL, '2025-01-03T10:00:00.000Z', 'x');
      INSERT INTO techniques (id, name, description, created_at) VALUES (1, 'SPIN', 'Domande di implicazione', '2025-02-01T00:00:00.000Z');
      INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on, closed_on, notes, created_at, updated_at) VALUES
        (1, 'Workshop', 1, 100, 'EUR', 'won', '2026-03-01', '2026-03-10', 'Firmato in città', 'x', 'x'),
        (2, 'Licenze', 2, 100, 'EUR', 'lost', '2026-03-01', '2026-03-11', NULL, 'x', 'x');
      INSERT INTO complaints (id, customer_id, opened_on, source, category, severity, description, resolution, remind_on, created_at, updated_at)
        VALUES (1, 2, '2026-03-15', 'call', 'delivery', 'low', 'In ritardo', 'Rimborsato', '2026-03-22', 'x', 'x');`,
    );
    await migrate(m.db, 5, 6);
    expect(indexed(m.sqlite)).toEqual([
      { kind: 'complaint', id: 1, date: '2026-03-15', title: null, body: 'In ritardo\nRimborsato' },
      { kind: 'customer', id: 1, date: '2025-01-02', title: 'Ada', body: 'Cliente dal 2019, perché fedele' },
      { kind: 'sale', id: 1, date: '2026-03-10', title: 'Workshop', body: 'Firmato in città' },
      { kind: 'technique', id: 1, date: '2025-02-01', title: 'SPIN', body: 'Domande di implicazione' },
    ]);
    expect(found(m.sqlite, 'perche')).toEqual(['customer 1']);
    expect(await searchIndexIsIntact(m.db)).toBe(true);
    // From now on the triggers keep it, journal entries included.
    m.sqlite.exec(
      "INSERT INTO journal_entries (entry_date, title, created_at, updated_at) VALUES ('2026-04-01', 'Primo diario', 'x', 'x')",
    );
    expect(found(m.sqlite, 'diario')).toEqual(['journal 1']);
  });

  it('clears a table in the way of the index’s own', async () => {
    const m = await databaseAt(5, 'CREATE TABLE search_index_data (x); INSERT INTO search_index_data VALUES (1);');
    await migrate(m.db, 5, 6);
    expect(await searchIndexIsIntact(m.db)).toBe(true);
  });
});

describe('opening', () => {
  it('a new database has the whole index, and handlers search it', async () => {
    expect(await searchIndexIsIntact(t.store.db)).toBe(true);
    const handlers = testHandlers(t.store);
    addCustomer(t.store.sqlite, 'Ada', 'Perché no?');
    expect((await call('search.query', { text: 'perche' }, handlers)).total).toBe(1);
  });
});

import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertProduct } from '../../src-main/features/catalog/repository';
import { insertTechnique } from '../../src-main/features/techniques';
import { insertCustomer } from '../../src-main/features/customers/repository';
import { insertSale } from '../../src-main/features/sales/repository';
import type { DB } from '../../src-main/db/schema';
import { generateSampleData } from '../../src-main/features/onboarding/sampleData';
import { CUSTOMER_HEADERS, exportCsv, SALE_HEADERS } from '../../src-main/features/exchange/export';
import { decodeListCell, unneutraliseCell } from '../../src-main/shared/csvCells';
import { parseMajorAmount } from '../../src-main/shared/money';
import { FIXED_NOW, freshStore, storeForEachTest } from '../helpers/store';
import type { Kysely } from 'kysely';

const ISO = FIXED_NOW.toISOString();

async function customer(db: Kysely<DB>, name: string, extra: Partial<Parameters<typeof insertCustomer>[1]> = {}) {
  return insertCustomer(db, {
    name,
    name_key: name.toLowerCase(),
    tags: '[]',
    created_at: ISO,
    updated_at: ISO,
    ...extra,
  });
}

function readCsv(file: string): { raw: string; records: Record<string, string>[]; headers: string[] } {
  const raw = readFileSync(file, 'utf8');
  const rows = parse(raw, { bom: true, relax_column_count: false }) as string[][];
  const [headers, ...body] = rows;
  return {
    raw,
    headers: headers!,
    records: body.map((r) => Object.fromEntries(headers!.map((h, i) => [h, r[i]!]))),
  };
}

const t = storeForEachTest();

describe('CSV export format', () => {
  it('UTF-8 with BOM, CRLF, RFC 4180 quoting, ids and names for relations, money and dates', async () => {
    const db = t.store.db;
    const acme = await customer(db, 'Acme, "the best" S.r.l.', {
      email: 'buyer@acme.it',
      tags: '["vip","north; east"]',
    });
    const product = await insertProduct(db, {
      name: 'Città\nplan',
      category: null,
      listPriceMinor: null,
      currency: 'EUR',
      createdAt: ISO,
    });
    const spin = await insertTechnique(db, { name: 'SPIN questions', description: null, createdAt: ISO });
    const ask = await insertTechnique(db, { name: 'Ask for referral', description: null, createdAt: ISO });
    await insertSale(
      db,
      {
        title: 'Plan, yearly',
        customer_id: acme.id,
        product_id: product.id,
        amount_minor: 123_450,
        currency: 'EUR',
        status: 'won',
        stage: null,
        opened_on: '2026-03-01',
        closed_on: '2026-03-10',
        satisfaction: 5,
        nps: 9,
        lost_reason: null,
        notes: 'line one\r\nline two',
        created_at: ISO,
        updated_at: ISO,
      },
      [spin.id, ask.id],
    );
    await insertSale(
      db,
      {
        title: '=cmd|" /C calc"!A0',
        customer_id: acme.id,
        product_id: null,
        amount_minor: 5000,
        currency: 'JPY',
        status: 'open',
        stage: 'proposal',
        opened_on: '2026-04-02',
        closed_on: null,
        satisfaction: null,
        nps: null,
        lost_reason: null,
        notes: '@SUM(1+1)',
        created_at: ISO,
        updated_at: ISO,
      },
      [],
    );

    const file = join(t.dir, 'sales.csv');
    expect(await exportCsv(db, 'sales', file)).toMatchObject({ path: file, rows: 2 });
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { raw, headers, records } = readCsv(file);
    expect(headers).toEqual(SALE_HEADERS);
    expect(raw.startsWith(`\ufeff${SALE_HEADERS.join(',')}\r\n`)).toBe(true);
    // Quoted where RFC 4180 needs it (comma, quote, CR, LF), quotes doubled; not elsewhere.
    expect(raw).toContain(`,"Acme, ""the best"" S.r.l.",buyer@acme.it,`);
    expect(raw).toContain(`,"Città\nplan",1234.50,EUR,123450,won,,2026-03-01,2026-03-10,`);
    expect(raw).toContain(`"line one\r\nline two"`);

    const [first, second] = records;
    expect(first).toMatchObject({
      id: '1',
      date: '2026-03-10',
      title: 'Plan, yearly',
      customer_id: String(acme.id),
      customer: 'Acme, "the best" S.r.l.',
      customer_email: 'buyer@acme.it',
      product_id: String(product.id),
      product: 'Città\nplan',
      amount: '1234.50',
      currency: 'EUR',
      amount_minor: '123450',
      status: 'won',
      stage: '',
      opened_on: '2026-03-01',
      closed_on: '2026-03-10',
      // Sorted by name, ids in the same order as the names.
      technique_ids: `${ask.id}; ${spin.id}`,
      techniques: 'Ask for referral; SPIN questions',
      satisfaction: '5',
      nps: '9',
      notes: 'line one\r\nline two',
      created_at: ISO,
      external_id: '',
    });
    // Formula cells are neutralised, and unneutraliseCell gives back the original.
    expect(second).toMatchObject({
      title: `'=cmd|" /C calc"!A0`,
      notes: "'@SUM(1+1)",
      amount: '5000',
      currency: 'JPY',
    });
    expect(unneutraliseCell(second!.title!)).toBe('=cmd|" /C calc"!A0');
    expect(second).toMatchObject({ date: '2026-04-02', stage: 'proposal', closed_on: '', product: '', product_id: '' });

    const customers = join(t.dir, 'customers.csv');
    expect(await exportCsv(db, 'customers', customers)).toMatchObject({ rows: 1 });
    const c = readCsv(customers);
    expect(c.headers).toEqual(CUSTOMER_HEADERS);
    expect(c.records[0]).toMatchObject({
      id: String(acme.id),
      name: 'Acme, "the best" S.r.l.',
      // A tag holding the separator: the cell is a JSON array, so it comes back whole.
      tags: '["vip","north; east"]',
    });
  });

  it('writes for an Italian spreadsheet: semicolons, decimal commas, Italian headers, ISO dates, a BOM', async () => {
    const db = t.store.db;
    const rossi = await customer(db, 'Rossi; Bianchi', { email: 'r@rossi.it', tags: '["vip","nord"]' });
    await insertSale(
      db,
      {
        title: 'Piano annuale, 2026',
        customer_id: rossi.id,
        product_id: null,
        amount_minor: 123450,
        currency: 'EUR',
        status: 'won',
        stage: null,
        opened_on: '2026-03-01',
        closed_on: '2026-03-10',
        satisfaction: 4,
        nps: null,
        lost_reason: null,
        notes: null,
        created_at: ISO,
        updated_at: ISO,
      },
      [],
    );
    const file = join(t.dir, 'vendite.csv');
    await exportCsv(db, 'sales', file, { dialect: 'semicolon', language: 'it' });
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(
      '\ufeffid;data;titolo;id_cliente;cliente;email_cliente;id_prodotto;prodotto;importo;valuta;importo_centesimi;' +
        'stato;fase;data_apertura;data_chiusura;id_tecniche;tecniche;soddisfazione;nps;motivo_perdita;note;' +
        'creata_il;modificata_il;id_esterno\r\n' +
        `1;2026-03-10;Piano annuale, 2026;${rossi.id};"Rossi; Bianchi";r@rossi.it;;;1234,50;EUR;123450;` +
        `won;;2026-03-01;2026-03-10;;;4;;;;${ISO};${ISO};\r\n`,
    );

    const customers = join(t.dir, 'clienti.csv');
    await exportCsv(db, 'customers', customers, { dialect: 'semicolon', language: 'it' });
    expect(readFileSync(customers, 'utf8')).toBe(
      '\ufeffid;nome;azienda;email;telefono;segmento;settore;regione;dimensione_azienda;fonte_acquisizione;' +
        'etichette;note;archiviato_il;creato_il;modificato_il;id_esterno\r\n' +
        `${rossi.id};"Rossi; Bianchi";;r@rossi.it;;;;;;;"vip; nord";;;${ISO};${ISO};\r\n`,
    );
  });

  it('the dialect and the headers’ language are separate choices', async () => {
    await customer(t.store.db, 'Ada');
    const file = join(t.dir, 'mixed.csv');
    await exportCsv(t.store.db, 'customers', file, { dialect: 'semicolon', language: 'en' });
    expect(readFileSync(file, 'utf8').split('\r\n')[0]).toBe(`\ufeff${CUSTOMER_HEADERS.join(';')}`);
  });

  it('an empty database exports the header only', async () => {
    const file = join(t.dir, 'none.csv');
    expect(await exportCsv(t.store.db, 'customers', file)).toMatchObject({ rows: 0 });
    expect(readFileSync(file, 'utf8')).toBe(`\ufeff${CUSTOMER_HEADERS.join(',')}\r\n`);
  });

  it('pages through thousands of sales: every sale once, in id order, with its own techniques', async () => {
    const db = t.store.db;
    await db
      .transaction()
      .execute((trx) =>
        generateSampleData(
          trx,
          t.store.sqlite,
          { sales: 2345, seed: 3, endDate: '2026-06-01', currency: 'EUR' },
          FIXED_NOW,
        ),
      );
    const file = join(t.dir, 'sales.csv');
    const { rows } = await exportCsv(db, 'sales', file);
    const { records } = readCsv(file);
    expect(rows).toBe(2345);
    expect(records.map((r) => Number(r.id))).toEqual(Array.from({ length: 2345 }, (_, i) => i + 1));
    const links = t.store.sqlite
      .prepare('SELECT sale_id, group_concat(technique_id) AS ids FROM sale_techniques GROUP BY sale_id')
      .all() as { sale_id: number; ids: string }[];
    const expected = new Map(links.map((l) => [l.sale_id, l.ids.split(',').map(Number).sort()]));
    for (const r of records) {
      const ids = r.technique_ids === '' ? [] : r.technique_ids!.split('; ').map(Number);
      expect(ids.sort()).toEqual(expected.get(Number(r.id)) ?? []);
    }
  });
});

// ---- property: export then read back gives the same data ---------------------------------

/** Text as people (and attackers) type it: any Unicode, formula starts, quotes, delimiters, line breaks. */
const risky = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", '"', ',', ';', '\r\n', ' ');
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.tuple(risky, fc.string({ unit: 'grapheme', maxLength: 20 }), risky).map((p) => p.join('')),
  fc
    .array(fc.oneof(risky, fc.constantFrom('é', '€', '漢', '😀', '\u2028', 'x')), { maxLength: 12 })
    .map((a) => a.join('')),
);
/** Names must have a visible character (a schema CHECK); list items may hold separators (see encodeListCell). */
const nameText = anyText.filter((s) => s.trim().length > 0);
const listItem = anyText.map((s) => s.trim()).filter((s) => s.length > 0);
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const modelArb = fc
  .record({
    customers: fc.array(
      fc.record({
        name: nameText,
        email: nullable(anyText),
        company: nullable(anyText),
        notes: nullable(anyText),
        tags: fc.uniqueArray(listItem, { maxLength: 3 }),
        externalId: nullable(anyText),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    techniques: fc.uniqueArray(listItem, { maxLength: 4, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }),
    products: fc.uniqueArray(nameText, { maxLength: 3, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }),
  })
  .chain((m) =>
    fc.record({
      model: fc.constant(m),
      sales: fc.array(
        fc.record({
          title: nameText,
          customer: fc.nat(m.customers.length - 1),
          product: m.products.length > 0 ? nullable(fc.nat(m.products.length - 1)) : fc.constant(null),
          techniques: fc.subarray(m.techniques.map((_, i) => i)),
          // parseMajorAmount reads at most 13 integer digits (1e13 JPY would be 14).
          amountMinor: fc.integer({ min: 0, max: 1e13 - 1 }),
          currency: fc.constantFrom('EUR', 'JPY', 'USD'),
          status: fc.constantFrom('open', 'won', 'lost') as fc.Arbitrary<'open' | 'won' | 'lost'>,
          notes: nullable(anyText),
          lostReason: nullable(anyText),
        }),
        { maxLength: 6 },
      ),
    }),
  );

describe('export → read back (property)', () => {
  it('gives back every value, whatever the text', async () => {
    await fc.assert(
      fc.asyncProperty(modelArb, async ({ model, sales }) => {
        const s = await freshStore();
        try {
          const db = s.store.db;
          const customerIds: number[] = [];
          // Unique where present (a schema index): the position is appended, keeping risky starts.
          const externalIds = model.customers.map((c, i) => (c.externalId === null ? null : `${c.externalId}#${i}`));
          for (const [i, c] of model.customers.entries()) {
            const row = await customer(db, c.name, {
              email: c.email,
              company: c.company,
              notes: c.notes,
              tags: JSON.stringify(c.tags),
              external_id: externalIds[i],
            });
            customerIds.push(row.id);
          }
          const techniqueIds: number[] = [];
          for (const name of model.techniques)
            techniqueIds.push((await insertTechnique(db, { name, description: null, createdAt: ISO })).id);
          const productIds: number[] = [];
          for (const name of model.products)
            productIds.push(
              (await insertProduct(db, { name, category: null, listPriceMinor: null, currency: 'EUR', createdAt: ISO }))
                .id,
            );
          for (const sale of sales) {
            await insertSale(
              db,
              {
                title: sale.title,
                customer_id: customerIds[sale.customer]!,
                product_id: sale.product === null ? null : productIds[sale.product]!,
                amount_minor: sale.amountMinor,
                currency: sale.currency,
                status: sale.status,
                stage: null,
                opened_on: '2026-01-02',
                closed_on: sale.status === 'open' ? null : '2026-02-03',
                satisfaction: null,
                nps: null,
                lost_reason: sale.lostReason,
                notes: sale.notes,
                created_at: ISO,
                updated_at: ISO,
              },
              sale.techniques.map((i) => techniqueIds[i]!),
            );
          }

          await exportCsv(db, 'customers', join(s.dir, 'c.csv'));
          await exportCsv(db, 'sales', join(s.dir, 's.csv'));
          const text = (v: string | undefined): string | null =>
            v === '' || v === undefined ? null : unneutraliseCell(v);
          const list = (v: string | undefined): string[] => decodeListCell(text(v) ?? '', /[;|,]/);

          const c = readCsv(join(s.dir, 'c.csv')).records;
          expect(c).toHaveLength(model.customers.length);
          c.forEach((r, i) => {
            const m = model.customers[i]!;
            expect(text(r.name)).toBe(m.name);
            expect(text(r.email)).toBe(m.email || null);
            expect(text(r.company)).toBe(m.company || null);
            expect(text(r.notes)).toBe(m.notes || null);
            expect(list(r.tags)).toEqual(m.tags);
            expect(text(r.external_id)).toBe(externalIds[i]);
          });

          const out = readCsv(join(s.dir, 's.csv')).records;
          expect(out).toHaveLength(sales.length);
          out.forEach((r, i) => {
            const m = sales[i]!;
            const owner = model.customers[m.customer]!;
            expect(text(r.title)).toBe(m.title);
            expect(Number(r.customer_id)).toBe(customerIds[m.customer]);
            expect(text(r.customer)).toBe(owner.name);
            expect(text(r.customer_email)).toBe(owner.email || null);
            expect(text(r.product)).toBe(m.product === null ? null : model.products[m.product]);
            expect(parseMajorAmount(r.amount!, r.currency!)).toBe(m.amountMinor);
            expect(Number(r.amount_minor)).toBe(m.amountMinor);
            expect(r.status).toBe(m.status);
            expect(text(r.notes)).toBe(m.notes || null);
            expect(text(r.lost_reason)).toBe(m.lostReason || null);
            expect(list(r.techniques).sort()).toEqual(m.techniques.map((k) => model.techniques[k]!).sort());
          });
        } finally {
          await s.cleanup();
        }
      }),
      { numRuns: 60 },
    );
    // 60 fresh databases: ~15 s alone, past 30 s on a machine busy with other suites.
  }, 120_000);
});

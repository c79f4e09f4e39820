import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src-main/db/connection';
import { createCustomer } from '../../src-main/features/customers/service';
import { exportCsv } from '../../src-main/features/exchange/export';
import { runImport } from '../../src-main/features/imports/engine';
import { recordNamedSale } from '../../src-main/features/sales/service';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { FIXED_NOW, freshStore } from '../helpers/store';

/**
 * Export → import into an empty database → the same data, for arbitrary text. The data is
 * entered through the services (so it is what Rapport can hold: trimmed, validated) and
 * compared on what the import format carries. Ids are the new database's, so the customers
 * are compared in order and each sale names its customer by rank: same-named customers
 * without an email must keep their own sales (issue 15, point 6).
 */
const risky = fc.constantFrom('=', '+', '-', '@', "'", '"', ',', ';', '\t', '\r', '\n', '\r\n', 'é', '€', '😀', ' ');
const anyText = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 24 }),
    fc.tuple(risky, fc.string({ unit: 'grapheme', maxLength: 16 }), risky).map((p) => p.join('')),
  )
  .map((s) => s.trim());
const someText = anyText.filter((s) => s.length > 0);
/** Techniques and tags share a cell: names with `;`, `,`, `|`, quotes and line breaks must come back whole. */
const separator = fc.constantFrom(';', ',', '|', '; ', ' | ', '"', '\n', '\r\n', '[', ']', '["', '"]');
const listItem = fc
  .oneof(
    someText,
    fc.tuple(someText, separator, someText).map((p) => p.join('')),
    separator,
  )
  .map((s) => s.trim().slice(0, 40).trim())
  .filter((s) => s.length > 0);
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const email = fc.emailAddress().filter((e) => e.length <= 254 && CustomerInput.shape.email.safeParse(e).success);

const model = fc.record({
  /** An English spreadsheet's file or an Italian one's (semicolons, decimal commas, Italian headers). */
  spreadsheet: fc.constantFrom(
    { dialect: 'comma', language: 'en' } as const,
    { dialect: 'semicolon', language: 'it' } as const,
  ),
  customers: fc.array(
    fc.record({
      // Often the same few names, often without an email: customers the importer must not merge.
      name: fc.oneof(someText, fc.constantFrom('Mario Rossi', 'mario  rossi', 'Anna Bianchi')),
      email: fc.oneof(fc.constant(null), email, fc.constantFrom('mario@rossi.example', 'anna@example.it')),
      company: nullable(someText),
      phone: nullable(someText.map((s) => s.slice(0, 50).trim()).filter((s) => s.length > 0)),
      notes: nullable(someText),
      segment: nullable(someText),
      industry: nullable(someText),
      region: nullable(someText),
      companySize: nullable(someText.map((t) => t.slice(0, 40).trim()).filter((t) => t.length > 0)),
      acquisitionSource: nullable(someText),
      tags: fc.uniqueArray(listItem, {
        maxLength: 3,
        comparator: (a, b) => a.toLowerCase() === b.toLowerCase(),
      }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  sales: fc.array(
    fc.record({
      title: someText,
      customer: fc.nat(),
      product: nullable(someText),
      techniques: fc.uniqueArray(listItem, {
        maxLength: 3,
        comparator: (a, b) => a.toLowerCase() === b.toLowerCase(),
      }),
      amountMinor: fc.integer({ min: 0, max: 1e12 }),
      currency: fc.constantFrom('EUR', 'JPY', 'USD'),
      status: fc.constantFrom('open', 'won', 'lost') as fc.Arbitrary<'open' | 'won' | 'lost'>,
      notes: nullable(fc.oneof(someText, listItem)),
      lostReason: nullable(someText.map((s) => s.slice(0, 500).trim()).filter((s) => s.length > 0)),
      stage: nullable(fc.constantFrom('lead', 'qualified', 'proposal', 'negotiation') as fc.Arbitrary<'lead'>),
      satisfaction: nullable(fc.integer({ min: 1, max: 5 })),
      nps: nullable(fc.integer({ min: 0, max: 10 })),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

/** What the CSV carries, read back from a database; a sale's customer by its rank among the customers. */
function snapshot(store: Store): { customers: unknown[]; sales: unknown[] } {
  const customers = store.sqlite
    .prepare(
      `SELECT name, company, email, phone, segment, industry, region, company_size, acquisition_source, tags, notes
       FROM customers ORDER BY id`,
    )
    .all();
  const sales = store.sqlite
    .prepare(
      `SELECT s.title, (SELECT count(*) FROM customers k WHERE k.id <= s.customer_id) AS customer_rank,
         c.name AS customer, c.email, p.name AS product, s.amount_minor, s.currency, s.status,
         s.stage, s.opened_on, s.closed_on, s.satisfaction, s.nps, s.lost_reason, s.notes,
         (SELECT json_group_array(name) FROM (SELECT t.name FROM sale_techniques st
            JOIN techniques t ON t.id = st.technique_id WHERE st.sale_id = s.id ORDER BY t.name)) AS techniques
       FROM sales s JOIN customers c ON c.id = s.customer_id LEFT JOIN products p ON p.id = s.product_id
       ORDER BY s.id`,
    )
    .all();
  return { customers, sales };
}

describe('export → import into an empty database (property)', () => {
  it('gives the same data, whatever the text', async () => {
    await fc.assert(
      fc.asyncProperty(model, async (m) => {
        const source = await freshStore();
        const target = await freshStore();
        try {
          await source.store.db.transaction().execute(async (trx) => {
            const customers = [];
            for (const c of m.customers) customers.push(await createCustomer(trx, CustomerInput.parse(c), FIXED_NOW));
            for (const s of m.sales) {
              const owner = customers[s.customer % customers.length]!;
              await recordNamedSale(
                trx,
                {
                  title: s.title,
                  customer: { id: owner.id },
                  product: s.product,
                  techniques: s.techniques,
                  amountMinor: s.amountMinor,
                  currency: s.currency,
                  status: s.status,
                  stage: s.status === 'open' ? s.stage : null,
                  // The import format has one date per sale (closed, or opened while open).
                  openedOn: '2026-03-01',
                  closedOn: s.status === 'open' ? null : '2026-03-01',
                  satisfaction: s.satisfaction,
                  nps: s.nps,
                  lostReason: s.status === 'lost' ? s.lostReason : null,
                  notes: s.notes,
                },
                FIXED_NOW,
              );
            }
          });
          const customersCsv = join(source.dir, 'customers.csv');
          const salesCsv = join(source.dir, 'sales.csv');
          await exportCsv(source.store.db, 'customers', customersCsv, m.spreadsheet);
          await exportCsv(source.store.db, 'sales', salesCsv, m.spreadsheet);

          const request = {
            options: {},
            skipInvalid: false,
            dryRun: false,
            defaultCurrency: 'EUR',
            now: FIXED_NOW,
          };
          const c = await runImport(target.store, {
            ...request,
            path: customersCsv,
            kind: 'customers',
          });
          expect(c.errors).toEqual([]);
          const s = await runImport(target.store, {
            ...request,
            path: salesCsv,
            kind: 'sales',
          });
          expect(s.errors).toEqual([]);
          expect(snapshot(target.store)).toEqual(snapshot(source.store));
        } finally {
          await source.cleanup();
          await target.cleanup();
        }
      }),
      { numRuns: 100 },
    );
    // 100 runs, each migrating two fresh databases: ~10 s idle, 68 s measured with a load of 16 on
    // 2 cores; the limit leaves room for a busier machine rather than fail CI on load.
  }, 300_000);
});

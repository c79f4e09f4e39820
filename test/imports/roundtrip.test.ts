import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCsv } from '../../src-main/features/exchange/export';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { SaleInput } from '../../src-main/features/sales/contract';
import { TechniqueInput } from '../../src-main/features/techniques/contract';
import { freshStore, storeForEachTest, type TestStore } from '../helpers/store';
import { importFile } from './helpers';

const source = storeForEachTest();
const target = storeForEachTest();

const comparable = (t: TestStore): unknown[] =>
  t.store.sqlite
    .prepare(
      `SELECT s.title, c.name AS customer, c.email, p.name AS product, s.amount_minor, s.currency, s.status, s.stage,
         s.opened_on, s.closed_on, s.satisfaction, s.nps, s.lost_reason, s.notes,
         (SELECT group_concat(t.name, '|') FROM (SELECT t.name FROM sale_techniques st JOIN techniques t ON t.id = st.technique_id
           WHERE st.sale_id = s.id ORDER BY t.name) t) AS techniques
       FROM sales s JOIN customers c ON c.id = s.customer_id LEFT JOIN products p ON p.id = s.product_id ORDER BY s.id`,
    )
    .all();

describe('export -> import', () => {
  it('gives back the same sales, formula-like text and all', async () => {
    const h = source.handlers;
    const ada = await h['customers.create'](CustomerInput.parse({ name: '=HYPERLINK("x")', email: 'ada@example.com' }));
    const bob = await h['customers.create'](CustomerInput.parse({ name: "Caffè Nerò d'Italia", email: null }));
    const spin = await h['techniques.create'](TechniqueInput.parse({ name: '+SPIN; the "real" one' }));
    const base = { amountMinor: 123450, currency: 'EUR', techniqueIds: [spin.id] };
    await h['sales.create'](
      SaleInput.parse({
        ...base,
        title: '-5 units',
        customerId: ada.id,
        status: 'won',
        openedOn: '2026-01-02',
        closedOn: '2026-02-03',
        satisfaction: 4,
        nps: 9,
        notes: 'line 1\nline 2, "quoted"',
      }),
    );
    await h['sales.create'](
      SaleInput.parse({
        ...base,
        title: '@mention',
        customerId: bob.id,
        currency: 'JPY',
        amountMinor: 5000,
        status: 'lost',
        openedOn: '2026-03-01',
        closedOn: '2026-03-01',
        lostReason: "'quoted already",
      }),
    );
    await h['sales.create'](
      SaleInput.parse({
        ...base,
        title: 'Open deal',
        customerId: bob.id,
        status: 'open',
        stage: 'proposal',
        openedOn: '2026-04-01',
        techniqueIds: [],
      }),
    );
    // A technique name holding the `;` separator comes back whole (a JSON list cell, see encodeListCell).
    const expected = comparable(source);
    expect(expected[0]).toMatchObject({ techniques: '+SPIN; the "real" one' });
    const file = join(source.dir, 'sales.csv');
    await exportCsv(source.store.db, 'sales', file);
    const result = await importFile(target, file);
    expect(result).toMatchObject({ inserted: 3, errors: [] });
    expect(comparable(target)).toEqual(expected);

    // The same from a file written for an Italian spreadsheet, read with nothing to choose.
    const italian = await freshStore();
    try {
      const vendite = join(source.dir, 'vendite.csv');
      await exportCsv(source.store.db, 'sales', vendite, { dialect: 'semicolon', language: 'it' });
      const again = await importFile(italian, vendite);
      expect(again).toMatchObject({
        inserted: 3,
        errors: [],
        settings: {
          delimiter: ';',
          decimal: ',',
          dateFormat: 'yyyy-MM-dd',
          mapping: { date: 'data', external_id: 'id_esterno' },
        },
      });
      expect(comparable(italian)).toEqual(expected);
    } finally {
      await italian.cleanup();
    }
  });
});

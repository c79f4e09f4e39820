import { existsSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { listBatches, undoBatch } from '../../src-main/features/imports/batches';
import { ComplaintInput, InteractionInput } from '../../src-main/features/care/contract';
import { ImportCancelled } from '../../src-main/features/imports/engine';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { SaleInput } from '../../src-main/features/sales/contract';
import { FIXED_NOW, storeForEachTest } from '../helpers/store';
import { contentHash, count, importFile, previewFile, salesCsv, writeCsv } from './helpers';

const t = storeForEachTest();

const ITALIAN = 'Data;Cliente;Importo;Valuta;Stato;Prodotto;Tecnica;Soddisfazione\r\n';

/** Imports `content` expecting a refusal; checks the message and that nothing changed. */
async function refuses(name: string, content: string | Buffer, message: RegExp, extra = {}): Promise<void> {
  const before = contentHash(t.store.sqlite);
  await expect(importFile(t, writeCsv(t, name, content), extra)).rejects.toThrow(message);
  expect(contentHash(t.store.sqlite)).toBe(before);
}

/** Imports `content` expecting row errors: exact line/field pairs, and nothing written. */
async function rowErrors(content: string, extra = {}): Promise<{ line: number; field: string; message: string }[]> {
  const before = contentHash(t.store.sqlite);
  const result = await importFile(t, writeCsv(t, 'rows.csv', content), extra);
  expect(result.batch_id).toBeNull();
  expect(result.inserted).toBe(0);
  expect(contentHash(t.store.sqlite)).toBe(before);
  return result.errors.map(({ line, field, message }) => ({ line, field, message }));
}

describe('import: files as people have them', () => {
  it('reads an Italian semicolon file with a UTF-8 BOM, comma decimals, dd/MM dates and Italian statuses', async () => {
    const csv =
      `\uFEFF${ITALIAN}15/03/2026;Rossi S.r.l.;1.234,56;EUR;Vinta;Consulenza;SPIN|Demo;5\r\n` +
      '16/03/2026;"Bianchi; Figli";99,00;;persa;;;\r\n17/03/2026;Verdi;12;EUR;aperta;;;\r\n';
    const result = await importFile(t, writeCsv(t, 'vendite.csv', csv));
    expect(result).toMatchObject({ inserted: 3, duplicates: 0, skipped: 0, customers_created: 3, errors: [] });
    expect(result.settings).toMatchObject({
      encoding: 'utf-8',
      delimiter: ';',
      decimal: ',',
      dateFormat: 'dd/MM/yyyy',
    });
    const rows = t.store.sqlite
      .prepare(
        'SELECT s.amount_minor, s.status, s.closed_on, s.opened_on, c.name FROM sales s JOIN customers c ON c.id = s.customer_id ORDER BY s.id',
      )
      .all();
    expect(rows).toEqual([
      { amount_minor: 123456, status: 'won', closed_on: '2026-03-15', opened_on: '2026-03-15', name: 'Rossi S.r.l.' },
      { amount_minor: 9900, status: 'lost', closed_on: '2026-03-16', opened_on: '2026-03-16', name: 'Bianchi; Figli' },
      { amount_minor: 1200, status: 'open', closed_on: null, opened_on: '2026-03-17', name: 'Verdi' },
    ]);
    expect(count(t, 'sale_techniques')).toBe(2);
  });

  it.each([
    [
      'utf-16le',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        iconv.encode(
          'Date,Customer,Amount,Status,Notes\n2026-01-02,Caffè Nerò,1€,won,€ è\n'.replace('1€', '10'),
          'utf-16le',
        ),
      ]),
    ],
    [
      'utf-16be',
      Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        iconv.encode('Date,Customer,Amount,Status,Notes\n2026-01-02,Caffè Nerò,10,won,€ è\n', 'utf-16be'),
      ]),
    ],
    [
      'windows-1252',
      iconv.encode('Date,Customer,Amount,Status,Notes\n2026-01-02,Caffè Nerò,10,won,€ è\n', 'windows-1252'),
    ],
    ['utf-8', Buffer.from('Date,Customer,Amount,Status,Notes\n2026-01-02,Caffè Nerò,10,won,€ è\n')],
  ])('decodes %s (detected)', async (encoding, bytes) => {
    const result = await importFile(t, writeCsv(t, `${encoding}.csv`, bytes));
    expect(result.settings.encoding).toBe(encoding);
    expect(result.inserted).toBe(1);
    expect(
      t.store.sqlite.prepare('SELECT c.name, s.notes FROM sales s JOIN customers c ON c.id = s.customer_id').get(),
    ).toEqual({
      name: 'Caffè Nerò',
      notes: '€ è',
    });
  });

  it.each([
    [',', 'Date,Customer,Amount,Status\n2026-01-02,"Rossi, Mario","1,234.50",won\n'],
    [';', 'Date;Customer;Amount;Status\n2026-01-02;"Rossi; Mario";"1.234,50";won\n'],
    ['\t', 'Date\tCustomer\tAmount\tStatus\n2026-01-02\tRossi\t Mario\t1234.50\twon\n'.replace('\t Mario', ' Mario')],
    ['|', 'Date|Customer|Amount|Status\n2026-01-02|Rossi|1234.50|won\n'],
  ])('detects the delimiter %j', async (delimiter, csv) => {
    const result = await importFile(t, writeCsv(t, 'd.csv', csv));
    expect(result.settings.delimiter).toBe(delimiter);
    expect(result.inserted).toBe(1);
    expect(t.store.sqlite.prepare('SELECT amount_minor FROM sales').get()).toEqual({ amount_minor: 123450 });
  });

  it('keeps quoted delimiters, doubled quotes and line breaks, and counts lines across them', async () => {
    const csv =
      'Date,Customer,Amount,Status,Notes\n' +
      '2026-01-02,"Rossi, ""Mario""",10,won,"first line\r\nsecond line"\n' +
      '2026-01-03,Bianchi,-5,won,x\n';
    const errors = await rowErrors(csv);
    // The second record starts on physical line 4: the quoted note spans lines 2 and 3.
    expect(errors).toEqual([{ line: 4, field: 'amount', message: 'must not be negative (got “-5”)' }]);
    const fixed = csv.replace('-5', '5');
    expect((await importFile(t, writeCsv(t, 'ok.csv', fixed))).inserted).toBe(2);
    expect(t.store.sqlite.prepare('SELECT name FROM customers ORDER BY id').all()).toEqual([
      { name: 'Rossi, "Mario"' },
      { name: 'Bianchi' },
    ]);
    expect(t.store.sqlite.prepare('SELECT notes FROM sales ORDER BY id LIMIT 1').get()).toEqual({
      notes: 'first line\r\nsecond line',
    });
  });

  it('reads mixed line endings (CRLF, LF and CR in one file) with the right line numbers', async () => {
    const csv =
      'Date,Customer,Amount,Status\r\n2026-01-02,A,1,won\n2026-01-03,B,2,won\r2026-01-04,C,x,won\r\n2026-01-05,D,4,won';
    expect(await rowErrors(csv)).toEqual([{ line: 4, field: 'amount', message: 'is not a number (got “x”)' }]);
    expect((await importFile(t, writeCsv(t, 'ok.csv', csv.replace(',x,', ',3,')))).inserted).toBe(4);
  });

  it('maps CRM export headers (Pipedrive) and honours --map', async () => {
    const csv =
      'Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Organization - Name,Person - Email,Deal - Status,Deal - Won time,Deal - Stage,Deal - Lost reason,Product\n' +
      '17,Big deal,"1,500.00",USD,Acme Inc,buyer@acme.com,won,2026-02-03 10:11:12,Negotiation,,Widgets\n' +
      '18,Lost one,200,USD,Acme Inc,buyer@acme.com,lost,2026-02-04 09:00:00,,Too expensive,\n';
    const result = await importFile(t, writeCsv(t, 'pipedrive.csv', csv), {
      options: { mapping: { product: 'Product' } },
    });
    expect(result).toMatchObject({ inserted: 2, customers_created: 1, errors: [] });
    expect(
      t.store.sqlite
        .prepare(
          'SELECT external_id, title, amount_minor, currency, closed_on, lost_reason, stage FROM sales ORDER BY id',
        )
        .all(),
    ).toEqual([
      {
        external_id: '17',
        title: 'Big deal',
        amount_minor: 150000,
        currency: 'USD',
        closed_on: '2026-02-03',
        lost_reason: null,
        stage: null,
      },
      {
        external_id: '18',
        title: 'Lost one',
        amount_minor: 20000,
        currency: 'USD',
        closed_on: '2026-02-04',
        lost_reason: 'Too expensive',
        stage: null,
      },
    ]);
  });

  it('matches existing customers by email first, then by normalised name', async () => {
    await t.handlers['customers.create'](
      CustomerInput.parse({ name: 'Mario Rossi', email: 'mario@rossi.it', tags: [] }),
    );
    await t.handlers['customers.create'](CustomerInput.parse({ name: 'Acme S.r.l.', email: null, tags: [] }));
    const csv =
      'Date,Customer,Email,Amount,Status\n2026-01-02,M. Rossi,MARIO@rossi.it,1,won\n2026-01-02,ACME srl,,2,won\n2026-01-02,New One,,3,won\n';
    const result = await importFile(t, writeCsv(t, 'm.csv', csv));
    expect(result).toMatchObject({ inserted: 3, customers_created: 1 });
    expect(t.store.sqlite.prepare('SELECT customer_id FROM sales ORDER BY id').all()).toEqual([
      { customer_id: 1 },
      { customer_id: 2 },
      { customer_id: 3 },
    ]);
  });

  it('imports customers, and the same customers again as duplicates', async () => {
    const csv =
      'Nome;Azienda;Email;Telefono;Regione;Tag\nMario Rossi;Rossi S.r.l.;mario@rossi.it;+39 02 1234;Lombardia;vip, retail\nAnna Bianchi;;anna@b.it;;;\n';
    const path = writeCsv(t, 'clienti.csv', csv);
    expect(await importFile(t, path, { kind: 'customers' })).toMatchObject({
      inserted: 2,
      duplicates: 0,
      customers_created: 2,
    });
    expect(
      t.store.sqlite
        .prepare('SELECT name, company, email, phone, region, tags, import_batch_id FROM customers ORDER BY id LIMIT 1')
        .get(),
    ).toEqual({
      name: 'Mario Rossi',
      company: 'Rossi S.r.l.',
      email: 'mario@rossi.it',
      phone: '+39 02 1234',
      region: 'Lombardia',
      tags: '["vip","retail"]',
      import_batch_id: 1,
    });
    expect(await importFile(t, path, { kind: 'customers' })).toMatchObject({
      batch_id: null,
      inserted: 0,
      duplicates: 2,
    });
  });
});

describe('import: atomic, idempotent, undoable', () => {
  it('adds nothing when the same file is imported twice (external id, or fingerprint without one)', async () => {
    const withIds = writeCsv(t, 'ids.csv', salesCsv(30));
    expect(await importFile(t, withIds)).toMatchObject({ inserted: 30, duplicates: 0 });
    expect(await importFile(t, withIds)).toMatchObject({ batch_id: null, inserted: 0, duplicates: 30 });

    // Without an id column, identical rows inside one file are separate sales; a second
    // import of the file adds none of them, a longer re-export adds only the new ones.
    const rows = 'Date,Customer,Amount,Status\n2026-05-01,Twin,10,won\n2026-05-01,Twin,10,won\n';
    const first = writeCsv(t, 'twins.csv', rows);
    expect(await importFile(t, first)).toMatchObject({ inserted: 2, duplicates: 0 });
    expect(await importFile(t, first)).toMatchObject({ inserted: 0, duplicates: 2 });
    const longer = writeCsv(t, 'twins-more.csv', `${rows}2026-05-01,Twin,10,won\n2026-05-02,Twin,10,won\n`);
    expect(await importFile(t, longer)).toMatchObject({ inserted: 2, duplicates: 2 });
    expect(count(t, 'sales')).toBe(34);
  });

  it('writes nothing and lists every error with its line when any row is invalid', async () => {
    const csv =
      'Date,Customer,Email,Amount,Status,Satisfaction\n' +
      '2026-01-02,Ok,ok@x.it,1,won,5\n' +
      '31/02/2026,Bad date,,1,won,\n' +
      '2026-01-03,Neg,,-1,won,\n' +
      '2026-01-03,Huge,,123456789012345,won,\n' +
      '2026-01-03,Text,,twelve,won,\n' +
      '2026-01-03,Status,,1,maybe,\n' +
      '2026-01-03,Mail,not-an-email,1,won,\n' +
      '2026-01-03,Sat,,1,won,9\n' +
      '2026-01-03,,,1,won,\n';
    expect(await rowErrors(csv)).toEqual([
      { line: 3, field: 'date', message: 'is not a real day written yyyy-MM-dd (got “31/02/2026”)' },
      { line: 4, field: 'amount', message: 'must not be negative (got “-1”)' },
      { line: 5, field: 'amount', message: 'is too large (got “123456789012345”)' },
      { line: 6, field: 'amount', message: 'is not a number (got “twelve”)' },
      {
        line: 7,
        field: 'status',
        message: 'is not a status: use won, lost or open (vinta, persa, aperta) (got “maybe”)',
      },
      { line: 8, field: 'customer_email', message: 'is not a valid email address (got “not-an-email”)' },
      { line: 9, field: 'satisfaction', message: 'must be a whole number from 1 to 5 (got “9”)' },
      { line: 10, field: 'customer', message: 'is required' },
    ]);
  });

  it('with skipInvalid writes the valid rows and saves the rejected ones with a reason column', async () => {
    const csv =
      'Date,Customer,Amount,Status\n2026-01-02,Ok,1,won\n2026-01-03,"Bad, amount",-1,won\n2026-01-04,Ok2,2,lost\n';
    const path = writeCsv(t, 'mixed.csv', csv);
    const result = await importFile(t, path, { skipInvalid: true });
    expect(result).toMatchObject({
      inserted: 2,
      skipped: 1,
      error_count: 1,
      rejected_file: join(t.dir, 'mixed.rejected.csv'),
    });
    expect(readFileSync(join(t.dir, 'mixed.rejected.csv'), 'utf8')).toBe(
      '\uFEFFDate,Customer,Amount,Status,reason\r\n2026-01-03,"Bad, amount",-1,won,Amount: must not be negative (got “-1”)\r\n',
    );
    expect(readdirSync(t.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    // The rejected file, once fixed, imports on its own (the reason column is simply unmapped).
    const fixed = readFileSync(result.rejected_file!, 'utf8').replace(',-1,', ',1,');
    expect((await importFile(t, writeCsv(t, 'fixed.csv', fixed))).inserted).toBe(1);
  });

  it('a dry run reports the counts and writes nothing', async () => {
    const before = contentHash(t.store.sqlite);
    const result = await importFile(t, writeCsv(t, 'dry.csv', salesCsv(10)), { dryRun: true });
    expect(result).toMatchObject({ batch_id: null, dry_run: true, inserted: 10, customers_created: 10 });
    expect(contentHash(t.store.sqlite)).toBe(before);
  });

  it('undo removes exactly the batch and the customers it created that nothing else uses', async () => {
    await t.handlers['sales.create'](
      SaleInput.parse({
        title: 'Manual',
        customerId: (await t.handlers['customers.create'](CustomerInput.parse({ name: 'Kept Customer', tags: [] }))).id,
        amountMinor: 100,
        currency: 'EUR',
        status: 'won',
        openedOn: '2026-01-01',
        closedOn: '2026-01-01',
      }),
    );
    const before = contentHash(t.store.sqlite);
    const csv =
      'Date,Customer,Amount,Status\n2026-01-02,Kept Customer,1,won\n2026-01-02,Fresh,2,won\n2026-01-03,Later Used,3,won\n';
    const batch = (await importFile(t, writeCsv(t, 'u.csv', csv))).batch_id!;
    // Someone sells to a customer the import created: that customer must survive the undo.
    const laterUsed = t.store.sqlite.prepare("SELECT id FROM customers WHERE name = 'Later Used'").get() as {
      id: number;
    };
    await t.handlers['sales.create'](
      SaleInput.parse({
        title: 'After',
        customerId: laterUsed.id,
        amountMinor: 5,
        currency: 'EUR',
        status: 'open',
        openedOn: '2026-02-01',
      }),
    );
    const result = await t.store.db.transaction().execute((trx) => undoBatch(trx, batch, FIXED_NOW));
    expect(result).toEqual({ batchId: batch, salesRemoved: 3, customersRemoved: 1, customersKept: 1 });
    expect(t.store.sqlite.prepare('SELECT title FROM sales ORDER BY id').all()).toEqual([
      { title: 'Manual' },
      { title: 'After' },
    ]);
    expect((await listBatches(t.store.db))[0]).toMatchObject({ id: batch, undoneAt: FIXED_NOW.toISOString() });
    await expect(t.store.db.transaction().execute((trx) => undoBatch(trx, batch, FIXED_NOW))).rejects.toThrow(
      /already undone/,
    );
    // Without the later sale, the database is back to where it was (plus the batch record).
    await t.handlers['sales.delete']({ id: 5 });
    const other = await importFile(t, writeCsv(t, 'v.csv', 'Date,Customer,Amount,Status\n2026-01-09,Other,1,won\n'));
    await t.store.db.transaction().execute((trx) => undoBatch(trx, other.batch_id!, FIXED_NOW));
    t.store.sqlite.exec('DELETE FROM import_batches');
    expect(contentHash(t.store.sqlite)).toBe(before);
  });

  it('undo keeps an imported customer the seller has since called or heard a complaint from', async () => {
    const csv =
      'Date,Customer,Amount,Status\n2026-01-02,Called,1,won\n2026-01-02,Complained,2,won\n2026-01-03,Untouched,3,won\n';
    const batch = (await importFile(t, writeCsv(t, 'care.csv', csv))).batch_id!;
    const idOf = (name: string): number =>
      (t.store.sqlite.prepare('SELECT id FROM customers WHERE name = ?').get(name) as { id: number }).id;
    await t.handlers['care.interactions.create'](
      InteractionInput.parse({
        customerId: idOf('Called'),
        kind: 'call',
        occurredOn: '2026-06-01',
        summary: 'Asked how the first month went',
      }),
    );
    await t.handlers['care.complaints.create'](
      ComplaintInput.parse({
        customerId: idOf('Complained'),
        openedOn: '2026-06-02',
        source: 'email',
        category: 'delivery',
        severity: 'medium',
        description: 'Late delivery',
      }),
    );
    const result = await t.store.db.transaction().execute((trx) => undoBatch(trx, batch, FIXED_NOW));
    expect(result).toEqual({ batchId: batch, salesRemoved: 3, customersRemoved: 1, customersKept: 2 });
    expect(t.store.sqlite.prepare('SELECT name FROM customers ORDER BY name').all()).toEqual([
      { name: 'Called' },
      { name: 'Complained' },
    ]);
    expect(t.store.sqlite.prepare('SELECT count(*) AS n FROM interactions').get()).toEqual({ n: 1 });
    expect(t.store.sqlite.prepare('SELECT count(*) AS n FROM complaints').get()).toEqual({ n: 1 });
  });
});

describe('import: bad input, each with a clear error and nothing lost', () => {
  beforeEach(async () => {
    await importFile(t, writeCsv(t, 'seed.csv', salesCsv(5)));
  });

  it('an empty file', () => refuses('empty.csv', '', /empty\.csv is empty/));
  it('a file of blank lines', () => refuses('blank.csv', '\n\r\n  \n', /has no header row/));
  it('a header only', () => refuses('header.csv', 'Date,Customer,Amount,Status\r\n', /has a header but no rows/));
  it('binary garbage', () =>
    refuses(
      'garbage.csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0x00]),
      /not a text file/,
    ));
  it('random bytes without NULs (read as 1252) do not make a mapping', () =>
    refuses(
      'noise.csv',
      Buffer.from(Array.from({ length: 3000 }, (_, i) => 1 + ((i * 7919) % 254))),
      /No column was found/,
    ));
  it('a wrong delimiter', () =>
    refuses(
      'wrong.csv',
      'Date;Customer;Amount;Status\n2026-01-02;A;1;won\n',
      /single column: is the delimiter right\? \(reading with ","\)/,
      {
        options: { delimiter: ',' },
      },
    ));
  it('an unclosed quote', () =>
    refuses(
      'quote.csv',
      'Date,Customer,Amount,Status\n2026-01-02,A,1,won\n2026-01-02,"B,1,won\n2026-01-03,C,1,won\n',
      /Line 3: a quoted value is never closed/,
    ));
  it('a record longer than the limit (an unclosed quote in a big file)', () =>
    refuses(
      'long.csv',
      `Date,Customer,Amount,Status\n2026-01-02,"${'x'.repeat(5 * 2 ** 20)}\n`,
      /starting on line 2 is longer than 4 MB/,
    ));
  it('duplicate headers mapped to a field', () =>
    refuses(
      'dup.csv',
      'Date,Customer,Amount,Amount,Status\n2026-01-02,A,1,2,won\n',
      /the column "Amount" appears 2 times \(columns 3, 4\); rename one/,
      {
        options: { mapping: { amount: 'Amount' } },
      },
    ));
  it('duplicate headers are named as repeated (not as a missing column)', () =>
    refuses(
      'dup2.csv',
      'Date,Customer,Amount,Amount,Status\n2026-01-02,A,1,2,won\n',
      /amount: the column "Amount" appears 2 times \(columns 3, 4\); rename one/,
    ));
  it('ambiguous dates without a format', () =>
    refuses(
      'ambiguous.csv',
      'Date,Customer,Amount,Status\n03/04/2026,A,1,won\n05/06/2026,B,1,won\n',
      /read both as dd\/MM\/yyyy and as MM\/dd\/yyyy \("03\/04\/2026" is 2026-04-03 or 2026-03-04\)/,
    ));
  it('a record with more values than the header', async () => {
    expect(await rowErrors('Date,Customer,Amount,Status\n2026-01-02,Rossi,Mario,1,won\n')).toEqual([
      {
        line: 2,
        field: '',
        message: 'has 5 values but the header has 4 columns (a separator inside a value that is not in quotes?)',
      },
      { line: 2, field: 'amount', message: 'is not a number (got “Mario”)' },
      { line: 2, field: 'status', message: 'is not a status: use won, lost or open (vinta, persa, aperta) (got “1”)' },
    ]);
  });
  it('a UTF-8 file with a stray Windows-1252 byte far into it: its line and byte, exactly', async () => {
    const good = Buffer.from(salesCsv(3000));
    const lines = good.toString().split('\n').length; // the bad line is the one after the last break
    await refuses(
      'mixed-enc.csv',
      Buffer.concat([good, Buffer.from([0x32, 0x30, 0x32, 0x36, 0xe8, 0x0a])]),
      new RegExp(`not valid UTF-8 at line ${lines} \\(byte ${good.length + 4}\\)\\. Choose its encoding`),
    );
  });

  it('an ambiguous date format given explicitly reads the file', async () => {
    const path = writeCsv(t, 'ambiguous.csv', 'Date,Customer,Amount,Status\n03/04/2026,A,1,won\n');
    await importFile(t, path, { options: { dateFormat: 'MM/dd/yyyy' } });
    expect(
      t.store.sqlite
        .prepare("SELECT closed_on FROM sales WHERE customer_id = (SELECT id FROM customers WHERE name = 'A')")
        .get(),
    ).toEqual({ closed_on: '2026-03-04' });
  });

  it('a 1 MB cell: fine in an unmapped column, "too long" in the notes', async () => {
    const big = 'x'.repeat(2 ** 20);
    const ok = await importFile(
      t,
      writeCsv(t, 'big.csv', `Date,Customer,Amount,Status,Blob\n2026-01-02,Big,1,won,"${big}"\n`),
    );
    expect(ok.inserted).toBe(1);
    expect(await rowErrors(`Date,Customer,Amount,Status,Notes\n2026-01-02,Big2,1,won,${big}\n`)).toEqual([
      { line: 2, field: 'notes', message: expect.stringMatching(/^is too long \(got “x{40}…”\)$/) },
    ]);
  });

  it('10,000 columns', async () => {
    const extra = Array.from({ length: 9996 }, (_, i) => `C${i}`);
    const csv = `${['Date', 'Customer', 'Amount', 'Status', ...extra].join(',')}\n${['2026-01-02', 'Wide', '1', 'won', ...extra.map(() => 'v')].join(',')}\n`;
    expect((await importFile(t, writeCsv(t, 'wide.csv', csv))).inserted).toBe(1);
  });

  it('a file that disappears while it is imported', async () => {
    const path = writeCsv(t, 'vanishing.csv', salesCsv(20_000).replaceAll('D-', 'V-'));
    const before = contentHash(t.store.sqlite);
    let removed = false;
    const onProgress = (): void => {
      if (!removed) unlinkSync(path);
      removed = true;
    };
    await expect(importFile(t, path, { onProgress, progressIntervalMs: 0 })).rejects.toThrow(
      /vanishing\.csv was moved or deleted while it was being imported; nothing was written/,
    );
    expect(removed).toBe(true);
    expect(contentHash(t.store.sqlite)).toBe(before);
  });

  it('a missing file', () =>
    expect(importFile(t, join(t.dir, 'nope.csv'))).rejects.toThrow(/nope\.csv does not exist/));

  it('cancel at 50% leaves the database exactly as before', async () => {
    const path = writeCsv(t, 'cancel.csv', salesCsv(20_000).replaceAll('D-', 'X-'));
    const before = contentHash(t.store.sqlite);
    const controller = new AbortController();
    let seen = 0;
    const result = importFile(t, path, {
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        seen = p.rows;
        if (p.bytes >= p.totalBytes / 2) controller.abort();
      },
    });
    await expect(result).rejects.toThrow(ImportCancelled);
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(20_000);
    expect(contentHash(t.store.sqlite)).toBe(before);
    expect(existsSync(join(t.dir, 'cancel.rejected.csv'))).toBe(false);
  });
});

describe('import preview', () => {
  it('shows settings, mapping, the first rows with their errors and the counts, writing nothing', async () => {
    const before = contentHash(t.store.sqlite);
    const csv = `${ITALIAN}15/03/2026;Rossi;1.234,56;EUR;Vinta;;;5\r\n16/03/2026;Bianchi;-3;;persa;;;\r\n15/03/2026;Rossi;1.234,56;EUR;Vinta;;;5\r\n`;
    const preview = await previewFile(t, writeCsv(t, 'p.csv', csv));
    expect(preview).toMatchObject({
      headers: ['Data', 'Cliente', 'Importo', 'Valuta', 'Stato', 'Prodotto', 'Tecnica', 'Soddisfazione'],
      missingFields: [],
      settings: { delimiter: ';', decimal: ',', dateFormat: 'dd/MM/yyyy', encoding: 'utf-8' },
      counts: { rows: 3, insert: 2, duplicates: 0, rejected: 1, customersCreated: 1 },
      alreadyImported: null,
    });
    expect(preview.rows[1]).toEqual({
      line: 3,
      cells: ['16/03/2026', 'Bianchi', '-3', '', 'persa', '', '', ''],
      errors: [
        {
          line: 3,
          field: 'amount',
          column: 'Importo',
          message: 'must not be negative (got “-3”)',
          key: 'negative',
          values: { got: '-3' },
        },
      ],
    });
    expect(contentHash(t.store.sqlite)).toBe(before);
  });

  it('lists the rows that read differently when dates are ambiguous, and asks for the missing fields', async () => {
    const csv = 'Date,Customer,Amount,Status\n03/04/2026,A,1,won\n05/05/2026,B,1,won\n10/11/2026,C,1,won\n';
    const path = writeCsv(t, 'a.csv', csv);
    const preview = await previewFile(t, path);
    expect(preview.settings.dateFormat).toBeNull();
    expect(preview.ambiguousDates).toEqual([
      { line: 2, value: '03/04/2026', dayFirst: '2026-04-03', monthFirst: '2026-03-04' },
      { line: 4, value: '10/11/2026', dayFirst: '2026-11-10', monthFirst: '2026-10-11' },
    ]);
    const unmapped = await previewFile(t, path, { options: { mapping: { amount: null } } });
    expect(unmapped.missingFields).toEqual(['amount']);
    expect(unmapped.rows).toHaveLength(3);
  });

  it('reads 03/04 day-first when 15/01 in the same file proves it, and says why instead of asking', async () => {
    const csv = 'Date,Customer,Amount,Status\n03/04/2026,A,1,won\n15/01/2026,B,1,won\n05/05/2026,C,1,won\n';
    const path = writeCsv(t, 'proof.csv', csv);
    const preview = await previewFile(t, path);
    expect(preview.settings.dateFormat).toBe('dd/MM/yyyy');
    expect(preview.dateEvidence).toEqual({ line: 3, value: '15/01/2026', format: 'dd/MM/yyyy' });
    expect(preview.ambiguousDates).toEqual([]);
    expect(preview.counts).toMatchObject({ insert: 3, rejected: 0 });
    await importFile(t, path);
    expect(t.store.sqlite.prepare('SELECT closed_on FROM sales ORDER BY closed_on').pluck().all()).toEqual([
      '2026-01-15',
      '2026-04-03',
      '2026-05-05',
    ]);
  });

  it('still asks when the file proves both day-first and month-first', async () => {
    const csv = 'Date,Customer,Amount,Status\n03/04/2026,A,1,won\n15/01/2026,B,1,won\n01/16/2026,C,1,won\n';
    const path = writeCsv(t, 'both.csv', csv);
    const preview = await previewFile(t, path);
    expect(preview.settings.dateFormat).toBeNull();
    expect(preview.dateEvidence).toBeNull();
    expect(preview.ambiguousDates).toEqual([
      { line: 2, value: '03/04/2026', dayFirst: '2026-04-03', monthFirst: '2026-03-04' },
    ]);
    await expect(importFile(t, path)).rejects.toThrow(/read both as dd\/MM\/yyyy and as MM\/dd\/yyyy/);
  });

  it('says when the same file was imported before', async () => {
    const path = writeCsv(t, 's.csv', salesCsv(3));
    const { batch_id } = await importFile(t, path);
    const preview = await previewFile(t, path);
    expect(preview.alreadyImported).toEqual({ batchId: batch_id, createdAt: FIXED_NOW.toISOString() });
    expect(preview.counts).toMatchObject({ insert: 0, duplicates: 3 });
  });
});

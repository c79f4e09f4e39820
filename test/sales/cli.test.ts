import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, query, sandbox, type Sandbox, sandboxForEachTest } from '../cli/helpers';

const box = sandboxForEachTest();

const WON = ['--customer', 'Acme S.r.l.', '--amount', '1234.50', '--status', 'won', '--date', '2026-03-01'];
const add = (args: readonly string[], db = box.db) => box.run(['--db', db, 'sales', 'add', ...args]);

describe('rapport sales add', () => {
  it('records a won sale with its product and techniques and prints it', () => {
    const result = add([
      ...WON,
      '--product',
      'Premium support',
      '--technique',
      'SPIN questions',
      '--technique',
      'Tailored demo',
      '--satisfaction',
      '5',
      '--nps',
      '9',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Recorded sale #1: Premium support — Acme S.r.l.');
    expect(result.stdout).toMatch(/Amount\s+€1,234\.50\n/);
    expect(result.stdout).toMatch(/Customer\s+Acme S\.r\.l\. \(#1, new\)/);
    expect(result.stdout).toMatch(/Techniques\s+SPIN questions, Tailored demo/);

    const [row] = query(box.db, 'SELECT * FROM sales');
    expect(row).toMatchObject({
      title: 'Premium support — Acme S.r.l.',
      amount_minor: 123_450,
      currency: 'EUR',
      status: 'won',
      opened_on: '2026-03-01',
      closed_on: '2026-03-01',
      satisfaction: 5,
      nps: 9,
    });
    expect(counts(box.db)).toEqual({ customers: 1, sales: 1, products: 1, techniques: 2, sale_techniques: 2 });
  });

  it('prints the sale as JSON with --json, and reuses the customer, product and technique next time', () => {
    expect(add([...WON, '--product', 'Premium support', '--technique', 'SPIN questions']).code).toBe(0);
    // prettier-ignore
    const result = box.run([
      '--db', box.db, 'sales', 'add', '--json',
      '--customer', ' ACME s.r.l. ', '--amount', '99', '--status', 'lost', '--date', '2026-04-02',
      '--product', 'premium SUPPORT', '--technique', 'spin questions', '--lost-reason', 'Price too high',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const sale = JSON.parse(result.stdout) as { techniques: { name: string }[] };
    expect(sale).toMatchObject({
      id: 2,
      customer_id: 1,
      customer_name: 'Acme S.r.l.',
      product_name: 'Premium support',
      amount_minor: 9900,
      currency: 'EUR',
      status: 'lost',
      lost_reason: 'Price too high',
      closed_on: '2026-04-02',
    });
    expect(sale.techniques.map((t) => t.name)).toEqual(['SPIN questions']);
    expect(counts(box.db)).toMatchObject({ customers: 1, sales: 2, products: 1, techniques: 1 });
  });

  it('records an open deal on its opening day, with a stage and a default title', () => {
    const result = add([
      '--customer',
      'Mario Rossi',
      '--email',
      'Mario@Example.com',
      '--amount',
      '800',
      '--status',
      'open',
      '--date',
      '2026-06-10',
      '--stage',
      'proposal',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(query(box.db, 'SELECT title, status, stage, opened_on, closed_on FROM sales')).toEqual([
      { title: 'Sale — Mario Rossi', status: 'open', stage: 'proposal', opened_on: '2026-06-10', closed_on: null },
    ]);
    expect(query(box.db, 'SELECT email FROM customers')).toEqual([{ email: 'mario@example.com' }]);
  });

  it('takes the currency from --currency, else from the settings', () => {
    expect(add([...WON, '--currency', 'usd']).code).toBe(0);
    expect(
      add(['--customer', 'Yamada', '--amount', '1500', '--currency', 'JPY', '--status', 'won', '--date', '2026-03-01'])
        .code,
    ).toBe(0);
    expect(add(WON).code).toBe(0);
    expect(query(box.db, 'SELECT currency, amount_minor FROM sales ORDER BY id')).toEqual([
      { currency: 'USD', amount_minor: 123_450 },
      { currency: 'JPY', amount_minor: 1500 },
      { currency: 'EUR', amount_minor: 123_450 },
    ]);
  });

  describe('invalid input exits 1, says what is wrong, and writes nothing', () => {
    // One database for all cases, holding one sale that must stay untouched.
    let shared: Sandbox;
    beforeAll(() => {
      shared = sandbox();
      expect(add(WON, shared.db).code).toBe(0);
    });
    afterAll(() => shared.cleanup());

    it.each([
      ['a comma decimal', ['--amount', '12,50'], '--amount: use a dot for decimals, e.g. "12.50"'],
      ['a negative amount', ['--amount', '-5'], '--amount: must not be negative'],
      ['garbage as amount', ['--amount', 'twelve'], '--amount: must be a number such as 1234.50'],
      ['too many decimals', ['--amount', '12.345'], '--amount: EUR has at most 2 decimal places'],
      ['decimals on yen', ['--amount', '12.5', '--currency', 'JPY'], '--amount: JPY has no decimal places'],
      ['thousands separators', ['--amount', '1,234.50'], '--amount: write the amount without thousands separators'],
      ['an impossible date', ['--date', '2026-02-31'], '--date: must be a real calendar day written YYYY-MM-DD'],
      ['a typo in the year', ['--date', '9999-12-31'], '--date: must be between 1900-01-01 and 2099-12-31'],
      ['a date in another format', ['--date', '01/03/2026'], '--date: must be a real calendar day'],
      ['an unknown status', ['--status', 'pending'], '--status: must be one of open, won, lost'],
      ['satisfaction 9', ['--satisfaction', '9'], '--satisfaction: must be a whole number from 1 to 5'],
      ['a fractional satisfaction', ['--satisfaction', '4.5'], '--satisfaction: must be a whole number (got "4.5")'],
      ['NPS 11', ['--nps', '11'], '--nps: must be a whole number from 0 to 10'],
      ['a malformed email', ['--email', 'mario@'], '--email: is not a valid email address'],
      ['a currency that is not a code', ['--currency', 'EURO'], '--currency: must be a currency code'],
      ['a stage on a won sale', ['--stage', 'proposal'], '--stage: only open sales have a stage'],
      ['an unknown stage', ['--status', 'open', '--stage', 'closing'], '--stage: must be one of lead, qualified'],
      ['a lost reason on a won sale', ['--lost-reason', 'price'], '--lost-reason: only lost sales have a lost reason'],
      ['an empty customer name', ['--customer', '  '], '--customer: is required'],
      ['a title that is too long', ['--title', 'x'.repeat(201)], '--title: is too long'],
    ])('%s', (_label, overrides, message) => {
      const before = counts(shared.db);
      const args = [...WON];
      for (let i = 0; i < overrides.length; i += 2) {
        const at = args.indexOf(overrides[i]!);
        if (at >= 0) args[at + 1] = overrides[i + 1]!;
        else args.push(overrides[i]!, overrides[i + 1]!);
      }
      const result = add(args, shared.db);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('The sale was not recorded:');
      expect(result.stderr).toContain(message);
      expect(result.stdout).toBe('');
      expect(counts(shared.db)).toEqual(before);
    });

    it('reports every problem at once', () => {
      const result = add([
        '--customer',
        'A',
        '--amount',
        '1,5',
        '--status',
        'won',
        '--date',
        '2026-13-01',
        '--nps',
        '12',
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr.match(/^ {2}--/gm)).toHaveLength(3);
    });
  });
});

describe('rapport sales add names a customer whose email differs (issue 15, point 6)', () => {
  const MARIO = ['--customer', 'Mario Rossi', '--amount', '100', '--status', 'won', '--date', '2026-03-01'];

  it('refuses --email m2@x.it for the Mario Rossi who has m1@x.it, and offers --customer-id or --new-customer', () => {
    expect(add([...MARIO, '--email', 'm1@x.it']).code).toBe(0);
    const before = counts(box.db);
    const refused = add([...MARIO, '--email', 'm2@x.it']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('Mario Rossi (#1) is already in your book with the email m1@x.it, not m2@x.it');
    expect(refused.stderr).toContain('nothing was saved');
    expect(refused.stderr).toContain('--customer-id 1');
    expect(refused.stderr).toContain('--new-customer');
    expect(counts(box.db)).toEqual(before);

    const theirs = add(['--customer-id', '1', ...MARIO.slice(2)]);
    expect(theirs.code, theirs.stderr).toBe(0);
    expect(theirs.stdout).toContain('Recorded sale #2: Sale — Mario Rossi');
    const other = add([...MARIO, '--email', 'm2@x.it', '--new-customer']);
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).toMatch(/Customer\s+Mario Rossi \(#2, new\)/);
    expect(
      query(box.db, 'SELECT s.id, c.id AS customer, c.email FROM sales s JOIN customers c ON c.id = s.customer_id'),
    ).toEqual([
      { id: 1, customer: 1, email: 'm1@x.it' },
      { id: 2, customer: 1, email: 'm1@x.it' },
      { id: 3, customer: 2, email: 'm2@x.it' },
    ]);
  });

  it.each([
    ['neither --customer nor --customer-id', [], '--customer-id: give the customer either by name'],
    ['both', ['--customer', 'A', '--customer-id', '1'], '--customer-id: give the customer either by name'],
    [
      '--email with --customer-id',
      ['--customer-id', '1', '--email', 'a@b.it'],
      '--customer-id: --email and --new-customer go with --customer',
    ],
    ['an unknown --customer-id', ['--customer-id', '7'], '--customer-id: '],
    ['a --customer-id that is not a number', ['--customer-id', 'seven'], '--customer-id: must be a whole number'],
  ])('refuses %s, writing nothing', (_label, customer, message) => {
    expect(add([...MARIO, '--email', 'm1@x.it']).code).toBe(0);
    const before = counts(box.db);
    const result = add([...customer, ...MARIO.slice(2)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(counts(box.db)).toEqual(before);
  });
});

describe('which database', () => {
  it('uses --db over RAPPORT_DB, and RAPPORT_DB over the default', () => {
    const viaEnv = join(box.dir, 'env.sqlite');
    const viaFlag = join(box.dir, 'flag.sqlite');
    expect(box.run(['sales', 'add', ...WON], { RAPPORT_DB: viaEnv }).code).toBe(0);
    expect(box.run(['--db', viaFlag, 'sales', 'add', ...WON, '--amount', '5'], { RAPPORT_DB: viaEnv }).code).toBe(0);
    expect(query(viaEnv, 'SELECT amount_minor FROM sales')).toEqual([{ amount_minor: 123_450 }]);
    expect(query(viaFlag, 'SELECT amount_minor FROM sales')).toEqual([{ amount_minor: 500 }]);
    expect(existsSync(join(box.dir, 'config'))).toBe(false);
  });

  it("defaults to the desktop app's database, creating its folder", () => {
    const result = box.run(['sales', 'add', ...WON]);
    expect(result.code, result.stderr).toBe(0);
    // The sandbox's XDG_CONFIG_HOME; on Linux Electron's userData is $XDG_CONFIG_HOME/Rapport.
    const file = process.platform === 'linux' ? join(box.dir, 'config', 'Rapport', 'rapport.sqlite') : null;
    if (file) expect(query(file, 'SELECT count(*) AS n FROM sales')).toEqual([{ n: 1 }]);
  });

  it('creates missing parent folders of --db', () => {
    const nested = join(box.dir, 'a', 'b', 'c.sqlite');
    expect(box.run(['--db', nested, 'customers', 'list']).code).toBe(0);
    expect(existsSync(nested)).toBe(true);
  });

  it('refuses a database from a newer Rapport with exit 1, leaving the file byte-for-byte unchanged', () => {
    const file = join(box.dir, 'future.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY); INSERT INTO future_things VALUES (1)');
    db.pragma('user_version = 999');
    db.close();
    const before = readFileSync(file);
    const filesBefore = readdirSync(box.dir).sort();

    for (const args of [['stats'], ['sales', 'add', ...WON], ['demo', '--sales', '10']]) {
      const result = box.run(['--db', file, ...args]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('was written by a newer version of Rapport');
      expect(result.stderr).toContain('nothing was changed');
    }
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(box.dir).sort()).toEqual(filesBefore); // no -wal, -shm or backup either
  });

  it('refuses a file that is not a database with exit 1', () => {
    const file = join(box.dir, 'notes.sqlite');
    writeFileSync(file, 'shopping list: milk, eggs\n'.repeat(100));
    const before = readFileSync(file);
    const result = box.run(['--db', file, 'customers', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a Rapport database');
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Ajv2020 } from 'ajv/dist/2020.js';
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import { query, sandboxForAll, type Sandbox } from '../cli/helpers';
import { REPORT_AT_RISK_LISTED, type ReportDocument } from '../../src-main/features/reports/contract';

/**
 * `rapport report` as a user runs it, on the demo data and on a small book whose figures are
 * worked out by hand below: every number equals what `rapport stats --json` and
 * `rapport goals show --json` print for the same period, the files are what they say, and an
 * anonymised report holds no customer's name, email, phone number or note.
 */

const SCHEMA = JSON.parse(readFileSync(new URL('../../docs/report.schema.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;
const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(SCHEMA);

function ok(box: Sandbox, db: string, args: string[]): string {
  const r = box.run(['--db', db, ...args]);
  expect(r.stderr, `rapport ${args.join(' ')}`).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}
const json = <T>(box: Sandbox, db: string, args: string[]): T => JSON.parse(ok(box, db, ['--json', ...args])) as T;

/** Every entry of a zip, as text. */
function unzip(file: string): Promise<Map<string, string>> {
  return new Promise((resolvePromise, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const out = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolvePromise(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const pdfText = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

/** The keys `rapport goals show --json` prints, picked from a report's goal. */
const GOAL_SHOW_KEYS = [
  'id',
  'title',
  'metric',
  'target',
  'current',
  'progress',
  'expected_now',
  'status',
  'required_per_day',
  'buffer_days',
  'forecast',
  'milestones',
] as const;

/** Compares a report with the CLI's own figures for the same period. */
function expectSameAsStatsAndGoals(box: Sandbox, db: string, doc: ReportDocument): void {
  const { from, to } = doc.period;
  expect(doc.summary).toEqual(json(box, db, ['stats', '--from', from, '--to', to]));
  if (doc.period.compare) {
    const c = doc.period.compare;
    expect(c.summary).toEqual(json(box, db, ['stats', '--from', c.from, '--to', c.to]));
  }
  for (const m of doc.volume?.months ?? []) {
    const s = json<Record<string, unknown>>(box, db, ['stats', '--from', m.from, '--to', m.to]);
    for (const [k, v] of Object.entries(m))
      if (k in s && k !== 'from' && k !== 'to') expect(v, `${m.month} ${k}`).toEqual(s[k]);
  }
  for (const g of doc.goals ?? []) {
    const shown = json<Record<string, unknown>>(box, db, ['goals', 'show', String(g.id), '--as-of', g.as_of]);
    expect(Object.keys(shown).sort()).toEqual([...GOAL_SHOW_KEYS].sort());
    expect(Object.fromEntries(GOAL_SHOW_KEYS.map((k) => [k, g[k]]))).toEqual(shown);
  }
}

describe('rapport report on the demo data', () => {
  const box = sandboxForAll();
  let db: string;
  beforeAll(() => {
    db = join(box.dir, 'demo.sqlite');
    ok(box, db, ['demo', '--sales', '1500', '--end', '2026-06-30', '--lang', 'en']);
  }, 120_000);

  it('gives the figures of rapport stats and rapport goals show for the same period, in a valid document', () => {
    const out = join(box.dir, 'demo.json');
    const written = json<{ path: string; rows: Record<string, number> }>(box, db, [
      'report',
      '--from',
      '2026-01-01',
      '--to',
      '2026-06-30',
      '--out',
      out,
      '--compare',
      'previous',
      '--seller',
      'Dana Demo',
    ]);
    expect(written.path).toBe(out);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as ReportDocument;
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.schema_version).toBe(2);
    expect(doc.seller.name).toBe('Dana Demo');
    expect(doc.summary.deals_won).toBeGreaterThan(0);
    expect(doc.goals!.length).toBeGreaterThan(0);
    expect(doc.volume!.months.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expectSameAsStatsAndGoals(box, db, doc);
    expect(doc.period.compare).toMatchObject({ kind: 'previous', from: '2025-07-04', to: '2025-12-31' });
  }, 240_000);
});

describe('rapport report on a small book worked out by hand', () => {
  const box = sandboxForAll();
  let db: string;
  let journalId: number;
  const PRIVATE = [
    'Bruna Ferri',
    'Carlo Neri',
    'Dario Sala',
    'Elena Riva',
    'bruna@ferri.example',
    'carlo@neri.example',
    '+39 333 765 4321',
    '3337654321',
    'Secret note about the Ferri account',
  ];

  beforeAll(() => {
    db = join(box.dir, 'book.sqlite');
    const sale = (...args: string[]) => ok(box, db, ['sales', 'add', '--product', 'Widget', ...args]);
    // February: Carlo's first purchase (before the period).
    sale(
      '--customer',
      'Carlo Neri',
      '--email',
      'carlo@neri.example',
      '--amount',
      '200',
      '--status',
      'won',
      '--date',
      '2026-02-10',
    );
    // March, the period.
    sale(
      '--customer',
      'Bruna Ferri',
      '--email',
      'bruna@ferri.example',
      '--amount',
      '1000',
      '--status',
      'won',
      '--date',
      '2026-03-05',
      '--satisfaction',
      '5',
      '--nps',
      '10',
      '--notes',
      'Secret note about the Ferri account',
    );
    sale(
      '--customer',
      'Carlo Neri',
      '--email',
      'carlo@neri.example',
      '--amount',
      '500',
      '--status',
      'won',
      '--date',
      '2026-03-10',
      '--satisfaction',
      '3',
      '--nps',
      '6',
    );
    sale(
      '--customer',
      'Bruna Ferri',
      '--email',
      'bruna@ferri.example',
      '--amount',
      '300',
      '--status',
      'won',
      '--date',
      '2026-03-20',
      '--satisfaction',
      '4',
      '--nps',
      '9',
    );
    sale('--customer', 'Dario Sala', '--amount', '800', '--status', 'lost', '--date', '2026-03-15');
    sale('--customer', 'Elena Riva', '--amount', '400', '--status', 'open', '--date', '2026-03-25');
    ok(box, db, [
      'goals',
      'add',
      '--title',
      'March revenue',
      '--metric',
      'revenue',
      '--target',
      '1500',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
    ]);
    const entry = json<{ id: number }>(box, db, [
      'journal',
      'add',
      '--title',
      'Call with Bruna Ferri',
      '--date',
      '2026-03-21',
      '--customer',
      'Bruna Ferri',
      '--outcome',
      'worked',
      '--body',
      'Bruna Ferri (bruna@ferri.example, +39 333 765 4321) asked for a discount; Carlo Neri had one.',
    ]);
    journalId = entry.id;
    // The command line takes no phone numbers: one is written straight into the book.
    const raw = new Database(db);
    raw.prepare("UPDATE customers SET phone = '+39 333 765 4321' WHERE name = 'Bruna Ferri'").run();
    raw.close();
  }, 180_000);

  it('has the hand-computed figures, equal to rapport stats and rapport goals show', () => {
    const out = join(box.dir, 'march.json');
    ok(box, db, ['report', '--from', '2026-03-01', '--to', '2026-03-31', '--out', out, '--journal', String(journalId)]);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as ReportDocument;
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    // Won 1000 + 500 + 300; 3 won of 4 decided; satisfaction (5 + 3 + 4) / 3; NPS: 2 promoters
    // (10, 9) and 1 detractor (6) of 3 answers = 33.3; Bruna and Carlo bought, Carlo had bought
    // in February and Bruna twice in March, so both are repeat customers and only Bruna is new.
    expect(doc.summary).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      currency: 'EUR',
      revenue_cents: 180_000,
      deals_won: 3,
      deals_lost: 1,
      deals_open: 1,
      win_rate: 0.75,
      avg_deal_cents: 60_000,
      customers_active: 2,
      new_customers: 1,
      repeat_customers: 2,
      avg_satisfaction: 4,
      nps: 33.3,
    });
    const [goal] = doc.goals!;
    expect(goal).toMatchObject({ title: 'March revenue', target: 150_000, current: 180_000, progress: 1 });
    expectSameAsStatsAndGoals(box, db, doc);
    // Not anonymised: the customers are named (so the test below means something).
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('Bruna Ferri');
    expect(doc.care!.at_risk.map((r) => r.customer.label)).toContain('Carlo Neri');
    // Emails, phones and notes are never in a report.
    for (const secret of ['Secret note about the Ferri account', '3337654321']) expect(text).not.toContain(secret);
  }, 120_000);

  it('anonymised, holds no customer name, email, phone or note in JSON, CSV or PDF', async () => {
    const base = [
      'report',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--anonymize',
      '--journal',
      String(journalId),
    ];
    const jsonFile = join(box.dir, 'anon.json');
    const zipFile = join(box.dir, 'anon.zip');
    const pdfFile = join(box.dir, 'anon.pdf');
    ok(box, db, [...base, '--out', jsonFile, '--comment', 'Ask Bruna Ferri at bruna@ferri.example.']);
    ok(box, db, [...base, '--out', zipFile]);
    ok(box, db, [...base, '--out', pdfFile]);
    const texts = [readFileSync(jsonFile, 'utf8'), ...(await unzip(zipFile)).values(), pdfText(pdfFile)];
    const customers = query<{ name: string; email: string | null; phone: string | null; notes: string | null }>(
      db,
      'SELECT name, email, phone, notes FROM customers',
    );
    const notes = query<{ notes: string | null }>(db, 'SELECT notes FROM sales WHERE notes IS NOT NULL');
    const source = [
      ...customers.flatMap((c) => [c.name, c.email, c.phone, c.notes]),
      ...notes.map((n) => n.notes),
      ...PRIVATE,
    ].filter((x): x is string => x !== null && x !== '');
    for (const text of texts) {
      const flat = text.replace(/\s+/g, ' ');
      for (const secret of source) expect(flat.toLowerCase()).not.toContain(secret.toLowerCase());
      expect(flat.replace(/\D/g, '')).not.toContain('3337654321');
    }
    const doc = JSON.parse(texts[0]!) as ReportDocument;
    expect(doc.privacy).toMatchObject({ pseudonymized: true, journal_text: true });
    // One label per customer everywhere in the document.
    const bruna = doc.journal![0]!.customer!.label;
    expect(bruna).toMatch(/^Customer \d+$/);
    expect(doc.journal![0]!.title).toBe(`Call with ${bruna}`);
    expect(doc.comment).toBe(`Ask ${bruna} at ….`);
    expect(doc.care!.at_risk.every((r) => r.customer.id === null && /^Customer \d+$/.test(r.customer.label))).toBe(
      true,
    );
  }, 120_000);

  it('leaves the journal text out when asked, keeping the titles', () => {
    const out = join(box.dir, 'notext.json');
    ok(box, db, [
      'report',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--out',
      out,
      '--journal',
      String(journalId),
      '--no-journal-text',
    ]);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as ReportDocument;
    expect(doc.journal![0]).toMatchObject({ title: 'Call with Bruna Ferri', body: null, learned: null });
    expect(doc.privacy.journal_text).toBe(false);
  });

  it('writes a zip of one CSV per section with the rows of the document, like the exports', async () => {
    const zipFile = join(box.dir, 'march.zip');
    const result = json<{ rows: Record<string, number> }>(box, db, [
      'report',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--format',
      'csv',
      '--out',
      zipFile,
      '--journal',
      String(journalId),
      '--comment',
      'A good month.',
    ]);
    const files = await unzip(zipFile);
    expect([...files.keys()].sort()).toEqual(
      [
        'summary',
        'goals',
        'scorecard',
        'volume',
        'quality',
        'loyalty',
        'care',
        'at_risk',
        'techniques',
        'learning',
        'journal',
        'comment',
      ]
        .map((n) => `${n}.csv`)
        .sort(),
    );
    for (const [name, text] of files) {
      expect(text.startsWith('\ufeff'), name).toBe(true);
      const lines = text
        .slice(1)
        .split('\r\n')
        .filter((l) => l !== '');
      expect(lines.length - 1, name).toBe(result.rows[name.replace('.csv', '')]);
    }
    expect(files.get('summary.csv')).toContain('\r\nrevenue_cents,180000,,\r\n');
    expect(files.get('volume.csv')!.split('\r\n')[0]).toBe(
      '\ufeffmonth,from,to,currency,revenue (cents),deals won,deals lost,average deal (cents),win rate,average satisfaction,NPS,active customers,new customers,repeat customers',
    );
    expect(result.rows).toMatchObject({ summary: 14, goals: 1, volume: 1, journal: 1, comment: 1 });
    // The export's other dialect: semicolons and decimal commas, as `rapport export --dialect semicolon`.
    const semicolon = join(box.dir, 'march-semicolon.zip');
    ok(box, db, ['report', '--from', '2026-03-01', '--to', '2026-03-31', '--out', semicolon, '--dialect', 'semicolon']);
    expect((await unzip(semicolon)).get('quality.csv')).toContain('\r\nwin_rate;0,75\r\n');
  });

  it('prints a PDF with the seller, the period, page numbers and the summary figures as text', () => {
    const pdfFile = join(box.dir, 'march.pdf');
    ok(box, db, [
      'report',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--out',
      pdfFile,
      '--seller',
      'Sara Venditti',
      '--paper',
      'letter',
    ]);
    const text = pdfText(pdfFile);
    expect(text).toContain('Sara Venditti — progress report — 1 – 31 Mar 2026');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792/);
    for (const figure of ['€1,800.00', '€600.00', '75%', '4.00 / 5', '33.3']) expect(text).toContain(figure);
  });

  it('lists what was exported in rapport report log', () => {
    const log = json<
      { format: string; rows: Record<string, number>; options: Record<string, unknown>; file: string }[]
    >(box, db, ['report', 'log']);
    expect(log.length).toBeGreaterThanOrEqual(1);
    for (const e of log) {
      expect(existsSync(e.file)).toBe(true);
      expect(e.rows.summary).toBe(14);
    }
    expect(ok(box, db, ['report', 'log'])).toMatch(/2026-03-01 – 2026-03-31/);
  });

  it('refuses bad input naming the option, and writes nothing', () => {
    const before = readdirSync(box.dir).sort();
    const logged = query<{ n: number }>(db, 'SELECT count(*) AS n FROM report_exports')[0]!.n;
    const cases: [string[], RegExp][] = [
      [['--format', 'xls', '--out', join(box.dir, 'x.pdf')], /--format: must be pdf, csv or json \(got "xls"\)/],
      [['--out', join(box.dir, 'x.pdf'), '--sections', 'goals,gossip'], /--sections/],
      [['--out', join(box.dir, 'x.json'), '--format', 'pdf'], /--out: .*\.pdf/],
      [['--out', join(box.dir, 'x.pdf'), '--compare', 'yesterday'], /--compare/],
      [['--out', join(box.dir, 'x.pdf'), '--paper', 'a3'], /--paper: must be a4 or letter/],
      [['--out', join(box.dir, 'x.zip'), '--dialect', 'tab'], /--dialect/],
      [['--out', join(box.dir, 'x.json'), '--journal', '999'], /--journal: journal entry 999 does not exist/],
      [['--out', join(box.dir, 'x.json'), '--journal', 'two'], /--journal/],
    ];
    for (const [args, message] of cases) {
      const r = box.run(['--db', db, 'report', '--from', '2026-03-01', '--to', '2026-03-31', ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
    }
    const reversed = box.run([
      '--db',
      db,
      'report',
      '--from',
      '2026-03-31',
      '--to',
      '2026-03-01',
      '--out',
      join(box.dir, 'x.json'),
    ]);
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toMatch(/--to: the end date cannot be before the start date/);
    const missing = box.run(['--db', db, 'report', '--to', '2026-03-01', '--out', join(box.dir, 'x.json')]);
    expect(missing.stderr).toMatch(/--from: is required/);
    // An existing file is kept without --force.
    const existing = box.run([
      '--db',
      db,
      'report',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--out',
      join(box.dir, 'march.json'),
    ]);
    expect(existing.code).toBe(1);
    expect(existing.stderr).toMatch(/already exists/);
    expect(readdirSync(box.dir).sort()).toEqual(before);
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM report_exports')[0]!.n).toBe(logged);
  }, 120_000);

  it('says in words when no browser can print the PDF', () => {
    const r = box.run(
      ['--db', db, 'report', '--from', '2026-03-01', '--to', '2026-03-31', '--out', join(box.dir, 'none.pdf')],
      { RAPPORT_CHROMIUM: join(box.dir, 'no-such-browser') },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/RAPPORT_CHROMIUM names .*no-such-browser, which does not exist/);
    expect(existsSync(join(box.dir, 'none.pdf'))).toBe(false);
  });
});

describe('rapport report on a book with more customers at risk than it lists', () => {
  const box = sandboxForAll();
  const AT_RISK = REPORT_AT_RISK_LISTED + 40;
  let db: string;
  beforeAll(() => {
    db = join(box.dir, 'many.sqlite');
    // One sale to each customer, each answering NPS 3: every one of them a detractor, so at risk.
    const rows = Array.from(
      { length: AT_RISK },
      (_, i) => `2026-06-01,Buyer ${String(i + 1).padStart(5, '0')},100.00,EUR,won,3`,
    );
    const csv = join(box.dir, 'detractors.csv');
    writeFileSync(csv, `date,customer,amount,currency,status,nps\n${rows.join('\n')}\n`);
    ok(box, db, ['import', 'sales', csv]);
  }, 120_000);
  const report = (out: string, ...more: string[]) =>
    ok(box, db, ['report', '--from', '2026-06-01', '--to', '2026-06-30', '--sections', 'care', '--out', out, ...more]);

  it('states the true total in the JSON beside the bounded list, in a valid document', () => {
    const out = join(box.dir, 'many.json');
    report(out);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as ReportDocument;
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.care!.at_risk_total).toBe(AT_RISK);
    expect(doc.care!.at_risk).toHaveLength(REPORT_AT_RISK_LISTED);
    expect(doc.care!.at_risk[0]).toEqual({
      customer: { id: expect.any(Number), label: 'Buyer 00001' },
      reasons: ['low_nps'],
    });
  });

  it('counts them all in the CSV summary, and says how many at_risk.csv lists', async () => {
    const out = join(box.dir, 'many.zip');
    report(out);
    const files = await unzip(out);
    expect(files.get('care.csv')).toContain(`\r\nat_risk_customers,${AT_RISK}\r\n`);
    expect(files.get('care.csv')).toContain(`\r\nat_risk_listed,${REPORT_AT_RISK_LISTED}\r\n`);
    const listed = files
      .get('at_risk.csv')!
      .split('\r\n')
      .filter((l) => l !== '');
    expect(listed).toHaveLength(REPORT_AT_RISK_LISTED + 1);
  });

  it('prints the total in the PDF and says the files list only the first of them', () => {
    const out = join(box.dir, 'many.pdf');
    report(out);
    const text = pdfText(out).replace(/\s+/g, ' ');
    const n = (x: number) => x.toLocaleString('en-US');
    expect(text).toContain(`Customers at risk ${n(AT_RISK)} `);
    expect(text).toContain(
      `…and ${n(AT_RISK - 25)} more customers at risk: ` +
        `the CSV and JSON reports list the first ${n(REPORT_AT_RISK_LISTED)}, those with the most reasons.`,
    );
  });
});

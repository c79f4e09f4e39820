import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPORT_SECTIONS, type ReportSection } from '../../src-main/features/reports/contract';
import { reportJson } from '../../src-main/features/reports/json';
import { coachSummaryCsv, coachSummaryHtml } from '../../src-main/features/coach/summary';
import { readReport } from '../../src-main/features/coach/read';
import { writeSummary } from '../../src-main/features/coach/handlers';
import { dialogSpec } from '../../src-main/features/exchange/dialogs';
import { formatFor } from '../../src-main/shared/format';
import { translator } from '../../src-main/shared/locales/translate';
import { freshStore, testHandlers, type TestStore } from '../helpers/store';
import { generateSample } from '../helpers/sample';
import { care, edited, reportDoc, reportText } from './fixtures';

const HOSTILE = '<img src=http://127.0.0.1:1/x onerror=alert(1)><script>alert(2)</script>';

describe('the coach workspace', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
  });
  afterEach(() => t.cleanup());

  const count = (table: string): number =>
    t.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

  it('keeps what it opens (a path at the terminal, a dropped file by its text) and lists it next time', async () => {
    const file = join(t.dir, 'sara.json');
    writeFileSync(file, reportText(reportDoc('Sara')));
    const sara = await t.handlers['coach.open']({ path: file });
    expect(sara).toMatchObject({ seller: 'Sara', from: '2026-03-01', to: '2026-04-30', file });
    await t.handlers['coach.open']({ name: 'luca.json', text: reportText(reportDoc('Luca')) });
    // The same seller and period again replaces the one kept.
    const again = await t.handlers['coach.open']({ path: file });
    expect(again.id).toBe(sara.id);
    const { reports } = await t.handlers['coach.list'](undefined);
    expect(reports.map((r) => r.seller)).toEqual(['Luca', 'Sara']);
    expect(reports[1]!.document.summary.revenue_cents).toBe(300_000);
    await t.handlers['coach.remove']({ id: sara.id });
    expect((await t.handlers['coach.list'](undefined)).reports.map((r) => r.seller)).toEqual(['Luca']);
    await expect(t.handlers['coach.remove']({ id: sara.id })).rejects.toThrow('coach.failures.notFound');
  });

  it('keeps version-1 and version-2 reports side by side, each with its at-risk total', async () => {
    const v1 = readFileSync(new URL('../fixtures/coach/report-v1.json', import.meta.url), 'utf8');
    await t.handlers['coach.open']({ name: 'report-v1.json', text: v1 });
    await t.handlers['coach.open']({
      name: 'luca.json',
      text: reportText(reportDoc('Luca', { care: care(2, 90_123) })),
    });
    const { reports } = await t.handlers['coach.list'](undefined);
    expect(reports.map((r) => [r.seller, r.document.schema_version, r.document.care!.at_risk_total])).toEqual([
      ['Luca', 2, 90_123],
      ['Sara Venditti', 1, 11],
    ]);
    // A version-1 report kept before this version of the workspace: stored without a total.
    const stored = JSON.parse(v1) as { seller: { name: string }; care: { at_risk: unknown[] } };
    t.store.sqlite
      .prepare(
        "INSERT INTO coach_reports (seller, from_on, to_on, file, opened_at, document) VALUES ('Old', '2025-01-01', '2025-03-31', 'old.json', '2025-04-01T00:00:00.000Z', ?)",
      )
      .run(JSON.stringify({ ...stored, seller: { name: 'Old' } }));
    const old = (await t.handlers['coach.list'](undefined)).reports.find((r) => r.seller === 'Old')!;
    expect(old.document.care!.at_risk_total).toBe(stored.care.at_risk.length);
    const path = join(t.dir, 'summary.csv');
    expect(await t.handlers['coach.export']({ format: 'csv', path, overwrite: false })).toMatchObject({ rows: 3 });
  });

  it('stores nothing when a file is refused, whichever check refuses it', async () => {
    const good = reportText(reportDoc('Sara'));
    const bad = [
      '{"schema_version": 1,',
      edited(good, (d) => (d.schema_version = 3)),
      edited(good, (d) => (d.summary.currency = 42)),
      edited(good, (d) => (d.summary.deals_won = 99)),
      'x'.repeat(10 * 1024 * 1024 + 1),
    ];
    for (const text of bad)
      await expect(t.handlers['coach.open']({ name: 'bad.json', text })).rejects.toThrow(/^coach\.refused\./);
    const path = join(t.dir, 'bad.json');
    writeFileSync(path, Buffer.alloc(10 * 1024 * 1024 + 5, 0x20));
    await expect(t.handlers['coach.open']({ path })).rejects.toThrow('coach.refused.tooLarge');
    await expect(t.handlers['coach.open']({ path: join(t.dir, 'report.txt') })).rejects.toThrow(
      'failures.pathExtension',
    );
    expect(count('coach_reports')).toBe(0);
  });

  it('opens only a file picked in the open dialog when a renderer asks', async () => {
    const file = join(t.dir, 'sara.json');
    writeFileSync(file, reportText(reportDoc('Sara')));
    const picked = testHandlers(t.store, {
      exchange: {
        dialogs: {
          saveFile: async () => null,
          openFile: async () => file,
          openMany: async () => [],
        },
      },
    });
    await expect(picked['coach.open']({ path: file })).rejects.toThrow('failures.chooseFileFirst');
    expect((await picked['dialog.openFile']({ purpose: 'coach-report' })).path).toBe(file);
    await expect(picked['coach.open']({ path: file })).resolves.toMatchObject({ seller: 'Sara' });
    expect(count('coach_reports')).toBe(1);
  });

  it("saves a seller's note, replaces it, and removes it when emptied", async () => {
    await t.handlers['coach.note']({ seller: 'Sara', text: 'Push the renewals.' });
    await t.handlers['coach.note']({ seller: 'Sara', text: 'Call her on Monday.' });
    expect((await t.handlers['coach.list'](undefined)).notes).toMatchObject([
      { seller: 'Sara', text: 'Call her on Monday.' },
    ]);
    await t.handlers['coach.note']({ seller: 'Sara', text: '  ' });
    expect(count('coach_notes')).toBe(0);
  });

  it('exports one combined CSV (written like the other exports) with every report and the notes', async () => {
    await t.handlers['coach.open']({ name: 'sara.json', text: reportText(reportDoc('Sara')) });
    await t.handlers['coach.open']({ name: 'luca.json', text: reportText(reportDoc('=Luca')) });
    await t.handlers['coach.note']({ seller: 'Sara', text: 'Steady.' });
    const path = join(t.dir, 'summary.csv');
    const result = await t.handlers['coach.export']({ format: 'csv', path, overwrite: false });
    expect(result.rows).toBe(2);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\ufeffSeller,From,To,Currency,Revenue (minor units)')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines[1]).toMatch(/^'=Luca,2026-03-01,2026-04-30,EUR,300000,5,0\.83/);
    expect(lines[2]).toMatch(
      /^Sara,2026-03-01,2026-04-30,EUR,300000,5,0\.8333333333333334,60000,4\.25,50,1,3,0\.75,0,0,Steady\.$/,
    );
  });
});

describe('the combined summary', () => {
  const reports = [reportDoc(HOSTILE, { comment: HOSTILE }), reportDoc('Luca')].map((document, i) => ({
    id: i + 1,
    file: `${i}.json`,
    openedAt: '2026-05-02T10:00:00.000Z',
    seller: document.seller.name,
    from: document.period.from,
    to: document.period.to,
    document,
  }));

  it('is text and SVG only: what a report holds is escaped, nothing runs, nothing is fetched', () => {
    const job = coachSummaryHtml(reports, [{ seller: HOSTILE, text: HOSTILE, updatedAt: '' }], {
      t: translator('en'),
      format: formatFor('en'),
      now: new Date('2026-05-02T10:00:00Z'),
    });
    expect(job.html).not.toMatch(/<(script|img|iframe|link|object|embed)\b/i);
    expect(job.html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(job.html).toContain('&lt;img src=http://127.0.0.1:1/x onerror=alert(1)&gt;');
    expect(job.html).toContain("default-src 'none'");
    expect(job.html.match(/<table>/g)!.length).toBe(job.html.match(/<thead>/g)!.length);
    for (const figure of ['€3,000.00', '83.3%', '4.25 / 5', '0 of 0', 'Revenue per seller (EUR)'])
      expect(job.html).toContain(figure);
  });

  it('refuses a file already there before printing, and leaves it as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-coach-'));
    try {
      const file = join(dir, 'summary.pdf');
      writeFileSync(file, 'mine');
      let printed = 0;
      const printPdf = async (): Promise<Buffer> => {
        printed++;
        return Buffer.from('%PDF-1.7');
      };
      const o = { language: 'en' as const, now: new Date('2026-05-02T10:00:00Z'), overwrite: false, printPdf };
      await expect(writeSummary(reports, [], 'pdf', file, o)).rejects.toThrow('failures.fileExists');
      expect(printed).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe('mine');
      await writeSummary(reports, [], 'pdf', file, { ...o, overwrite: true });
      expect([printed, readFileSync(file, 'utf8')]).toEqual([1, '%PDF-1.7']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the seller names in CSV as text, never as formulas', () => {
    const { text } = coachSummaryCsv(reports, [], translator('it'), 'semicolon');
    expect(text.split('\r\n')[0]).toBe(
      '\ufeffVenditore;Dal;Al;Valuta;Fatturato (centesimi);Trattative vinte;Tasso di successo;Valore medio (centesimi);Soddisfazione;NPS;Nuovi clienti;Clienti abituali;Quota di riacquisto;Obiettivi in linea;Obiettivi;Nota del coach',
    );
    expect(text).toContain(';0,833333');
  });
});

describe('any report rapport report writes', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore();
    await generateSample(t, { sales: 300 });
  });
  afterEach(() => t.cleanup());

  it('opens in the coach workspace (whatever the period, comparison, sections and privacy)', async () => {
    const day = fc
      .integer({ min: 0, max: 700 })
      .map((n) => new Date(Date.UTC(2024, 8, 1) + n * 86_400_000).toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(
        day,
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(null, 'previous' as const, 'last_year' as const),
        fc.subarray([...REPORT_SECTIONS] as ReportSection[], { minLength: 1 }),
        fc.boolean(),
        async (from, days, compare, sections, anonymize) => {
          const to = new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10);
          const doc = await t.handlers['report.build']({
            from,
            to,
            compare,
            sections,
            anonymize,
            journalText: true,
            journalIds: [],
            comment: HOSTILE,
          });
          const read = readReport(reportJson(doc), 'r.json');
          expect(read.summary).toEqual(doc.summary);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("the coach's file dialogs", () => {
  it('offer JSON reports to open, and a PDF or a CSV to save the summary as', () => {
    const now = new Date('2026-06-15T09:30:00Z');
    expect(dialogSpec('coach-report', translator('en'), now)).toEqual({
      title: "Open a seller's report",
      defaultName: '',
      filters: [{ name: 'Rapport JSON reports', extensions: ['json'] }],
    });
    expect(dialogSpec('coach-pdf', translator('it'), now)).toEqual({
      title: 'Salva il riepilogo del coach in PDF',
      defaultName: 'rapport-coach-summary-2026-06-15.pdf',
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    expect(dialogSpec('coach-csv', translator('en'), now).filters).toEqual([{ name: 'CSV', extensions: ['csv'] }]);
  });
});

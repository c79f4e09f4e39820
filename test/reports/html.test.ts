import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatFor } from '../../src-main/shared/format';
import { translator } from '../../src-main/shared/locales/translate';
import { reportHtml, reportStyleHashes } from '../../src-main/features/reports/html';
import { browserCandidates, chromiumArgs, findBrowser } from '../../src-main/features/reports/pdf';
import { REPORT_AT_RISK_LISTED, type ReportDocument } from '../../src-main/features/reports/contract';
import { care } from '../coach/fixtures';

const STATS = {
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
};

const DOC: ReportDocument = {
  schema_version: 2,
  generated_at: '2026-04-01T08:00:00.000Z',
  language: 'en',
  seller: { name: 'Sara <b>Venditti</b>' },
  period: { from: '2026-03-01', to: '2026-03-31', compare: null },
  summary: STATS,
  goals: null,
  scorecard: null,
  volume: {
    currency: 'EUR',
    revenue_cents: 180_000,
    deals_won: 3,
    deals_lost: 1,
    deals_open: 1,
    avg_deal_cents: 60_000,
    months: [
      {
        month: '2026-03',
        from: '2026-03-01',
        to: '2026-03-31',
        revenue_cents: 180_000,
        deals_won: 3,
        deals_lost: 1,
        avg_deal_cents: 60_000,
        win_rate: 0.75,
        avg_satisfaction: 4,
        nps: 33.3,
        customers_active: 2,
        new_customers: 1,
        repeat_customers: 2,
      },
    ],
  },
  quality: null,
  loyalty: null,
  care: null,
  techniques: null,
  learning: null,
  journal: [
    {
      id: 1,
      date: '2026-03-21',
      title: '<script>alert(1)</script>',
      outcome: 'worked',
      techniques: [],
      customer: null,
      situation: null,
      action: null,
      learned: '<img src=x onerror=alert(1)>',
      next_time: null,
      body: null,
    },
  ],
  comment: null,
  privacy: { pseudonymized: false, contacts_dropped: true, notes_dropped: true, journal_text: true },
};

describe('the report template', () => {
  const job = reportHtml(DOC, { t: translator('en'), format: formatFor('en'), paper: 'letter' });

  it('is text and SVG only: no script, nothing fetched, everything the seller typed escaped', () => {
    expect(job.html).not.toMatch(/<(script|img|iframe|link|object|embed)\b/i);
    expect(job.html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(job.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(job.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(job.html).toContain("default-src 'none'");
    expect(job.html).toMatch(/<svg [^>]*role="img"/);
    expect(job.header).toMatch(/Sara &lt;b&gt;Venditti&lt;\/b&gt; — progress report — 1\s*–\s*31 Mar 2026/u);
  });

  it('gives every table a header row Chromium repeats across pages, and the paper size', () => {
    const tables = job.html.match(/<table>/g)!.length;
    expect(job.html.match(/<thead>/g)!.length).toBe(tables);
    expect(job.html).toContain('@page { size: Letter; }');
    expect(job.footer).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
  });

  it('shows the summary figures as people read them', () => {
    for (const figure of ['€1,800.00', '€600.00', '75%', '4.00 / 5', '33.3']) expect(job.html).toContain(figure);
  });

  it('groups the digits of counts in tables too (a technique used thousands of times), in the reader’s language', () => {
    const row = {
      technique: 'SPIN questions',
      category: 'discovery',
      used: 16_724,
      won: 13_379,
      lost: 3_345,
      win_rate: 0.8,
      interval_low: 0.79,
      interval_high: 0.81,
      baseline_win_rate: 0.67,
      difference: 0.13,
      prob_better: 1,
      enough_data: true,
    };
    const print = (language: 'en' | 'it') =>
      reportHtml(
        { ...DOC, techniques: { closed: 20_000, rows: [row] } },
        { t: translator(language), format: formatFor(language), paper: 'a4' },
      ).html;
    expect(print('en')).toMatch(/>16,724</);
    expect(print('it')).toMatch(/>16\.724</);
  });
});

describe('at-risk customers in print', () => {
  /** `listed` customers in the list, of `total` at risk. */
  const print = (listed: number, total = listed, language: 'en' | 'it' = 'en') =>
    reportHtml(
      { ...DOC, care: care(listed, total) },
      { t: translator(language), format: formatFor(language), paper: 'a4' },
    ).html;

  it('lists the first 25 and says how many more the CSV and JSON hold (a coach reads a pattern, not 300 names)', () => {
    const html = print(305);
    expect(html).toContain('>Customer 25<');
    expect(html).not.toContain('>Customer 26<');
    expect(html).toContain('…and 280 more customers at risk: the CSV and JSON reports list every one.');
    expect(print(305, 305, 'it')).toContain('…e altri 280 clienti a rischio: i report CSV e JSON li elencano tutti.');
    // The count in the figures is the whole list.
    expect(html).toMatch(/Customers at risk<\/t[dh]>\s*<td[^>]*>305</);
  });

  it('counts every customer at risk when the files list only the first of them', () => {
    const html = print(REPORT_AT_RISK_LISTED, 90_123);
    expect(html).toMatch(/Customers at risk<\/t[dh]>\s*<td[^>]*>90,123</);
    expect(html).toContain(
      '…and 90,098 more customers at risk: the CSV and JSON reports list the first 2,000, those with the most reasons.',
    );
    expect(html).not.toContain('list every one');
    const italian = print(REPORT_AT_RISK_LISTED, 90_123, 'it');
    expect(italian).toMatch(/Clienti a rischio<\/t[dh]>\s*<td[^>]*>90\.123</);
    expect(italian).toContain(
      '…e altri 90.098 clienti a rischio: i report CSV e JSON elencano i primi 2.000, quelli con più motivi.',
    );
  });

  it('lists every one when there are 25 or fewer', () => {
    const html = print(25);
    expect(html).toContain('>Customer 25<');
    expect(html).not.toContain('more customers at risk');
  });
});

describe('finding a browser to print with', () => {
  it('takes RAPPORT_CHROMIUM first, then the usual places', () => {
    const env = { RAPPORT_CHROMIUM: '/opt/chrome/chrome' };
    expect(browserCandidates(env, 'linux')[0]).toBe('/opt/chrome/chrome');
    expect(findBrowser(env, 'linux', (p) => p === '/opt/chrome/chrome' || p === '/usr/bin/chromium')).toBe(
      '/opt/chrome/chrome',
    );
    expect(findBrowser({}, 'linux', (p) => p === '/usr/bin/google-chrome')).toBe('/usr/bin/google-chrome');
    expect(browserCandidates({}, 'darwin')).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
  });

  it("keeps Chromium's sandbox, except as root where Chromium cannot start one", () => {
    expect(chromiumArgs(1000)).toEqual([]);
    expect(chromiumArgs(undefined)).toEqual([]); // Windows: no user ids
    expect(chromiumArgs(0)).toEqual(['--no-sandbox']);
  });

  it('says so in words when there is none, or when RAPPORT_CHROMIUM names nothing', () => {
    expect(() => findBrowser({}, 'linux', () => false)).toThrow('reports.failures.noChromium');
    expect(() => findBrowser({ RAPPORT_CHROMIUM: '/nope' }, 'linux', (p) => p === '/usr/bin/chromium')).toThrow(
      'reports.failures.chromiumMissing',
    );
  });
});

describe("the report's stylesheet hashes (the app's CSP lets the preview frame use exactly these)", () => {
  it("are the sha256 of the one <style> each paper's page carries", () => {
    const digest = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const style = (paper: 'a4' | 'letter') =>
      reportHtml(DOC, { t: translator('en'), format: formatFor('en'), paper }).html.match(
        /<style>([\s\S]*?)<\/style>/,
      )![1]!;
    expect(reportStyleHashes()).toEqual([digest(style('a4')), digest(style('letter'))]);
    expect(new Set(reportStyleHashes()).size).toBe(2);
  });

  it('do not depend on the document: the style has no data in it', () => {
    const other = { ...DOC, seller: { name: 'x' }, language: 'it' as const };
    const style = (doc: ReportDocument) =>
      reportHtml(doc, { t: translator(doc.language), format: formatFor(doc.language), paper: 'a4' }).html.match(
        /<style>([\s\S]*?)<\/style>/,
      )![1]!;
    expect(style(other)).toBe(style(DOC));
  });
});

import { createHash } from 'node:crypto';
import type { Format } from '../../shared/format';
import type { Translate } from '../../shared/locales/translate';
import { PAPERS, type Paper, type ReportDocument, type ReportGoal } from './contract';
import type { PrintJob } from './pdf';

/**
 * The report's one template: a pure function from the document to a print job (HTML with its
 * CSS inline and its charts as SVG drawn here, no script, nothing fetched), printed by Chromium
 * on the command line and by Electron's printToPDF in the app. Tables have a <thead>, which
 * Chromium repeats on every page a table breaks across.
 */

export interface HtmlOptions {
  t: Translate;
  format: Format;
  paper: Paper;
}

/** Text as HTML text: every character that could open markup or end an attribute, escaped. */
export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const MONEY_KEYS = new Set(['revenue_cents', 'avg_deal_cents']);
const RATE_KEYS = new Set([
  'win_rate',
  'repeat_purchase_rate',
  'on_time_rate',
  'check_ins_on_time_rate',
  'retention_rate',
  'rate',
]);

/** A figure of the summary (or a section) as a person reads it. */
function figure(key: string, value: number | string | null, currency: string, f: Format): string {
  if (value === null) return '—';
  if (typeof value === 'string') return esc(value);
  if (MONEY_KEYS.has(key)) return esc(f.money(Math.round(value), currency));
  if (RATE_KEYS.has(key)) return esc(f.percent(value, 1));
  if (key === 'avg_satisfaction') return `${esc(f.number(value, 2))} / 5`;
  if (key === 'nps') return esc(f.number(value, 1));
  return esc(f.number(value));
}

function delta(key: string, value: number | null, currency: string, f: Format): string {
  if (value === null) return '—';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const abs = Math.abs(value);
  if (MONEY_KEYS.has(key)) return sign + esc(f.money(Math.round(abs), currency));
  if (RATE_KEYS.has(key)) return `${sign}${esc(f.number(abs * 100, 1))} pp`;
  return sign + esc(f.number(abs, key === 'avg_satisfaction' ? 2 : key === 'nps' ? 1 : undefined));
}

function goalValue(g: ReportGoal, x: number | null, f: Format): string {
  if (x === null) return '—';
  switch (g.unit) {
    case 'money':
      return esc(f.money(Math.round(x), g.currency ?? 'EUR'));
    case 'fraction':
      return esc(f.percent(x, 1));
    case 'rating':
      return `${esc(f.number(x, 2))} / 5`;
    case 'minutes':
      return esc(f.minutes(x));
    default:
      return esc(f.number(x, Number.isInteger(x) ? 0 : 1));
  }
}

/** A goal's value short enough for a chart's axis. */
function axisValue(g: ReportGoal, x: number, f: Format): string {
  if (g.unit === 'money') return esc(f.compactMoney(Math.round(x), g.currency ?? 'EUR'));
  if (g.unit === 'fraction' || g.unit === 'rating' || g.unit === 'minutes') return goalValue(g, x, f);
  return esc(f.compactNumber(x));
}

interface Column<R> {
  head: string;
  cell: (r: R) => string;
  num?: boolean;
}

function table<R>(rows: readonly R[], columns: readonly Column<R>[], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${esc(empty)}</p>`;
  const head = columns.map((c) => `<th${c.num ? ' class="num"' : ''}>${esc(c.head)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${columns.map((c) => `<td${c.num ? ' class="num"' : ''}>${c.cell(r)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Figures as a two-column table: the figure's name and its value. */
function figures(entries: [string, number | string | null][], currency: string, o: HtmlOptions): string {
  return table(
    entries,
    [
      { head: o.t('reports.columns.figure'), cell: ([k]) => esc(o.t(`reports.figures.${k}`)) },
      { head: o.t('reports.columns.value'), cell: ([k, v]) => figure(k, v, currency, o.format), num: true },
    ],
    '',
  );
}

// ---- charts (SVG, drawn here) ---------------------------------------------------------------

const W = 640;

/** Bars per month, labelled below, the largest value written at the top of the axis. */
export function barChart(
  points: { label: string; value: number }[],
  title: string,
  axis: (v: number) => string,
): string {
  const H = 180;
  const pad = { l: 64, r: 8, t: 12, b: 28 };
  const max = Math.max(1, ...points.map((p) => p.value));
  const inner = W - pad.l - pad.r;
  const step = inner / Math.max(1, points.length);
  const bar = Math.max(2, step * 0.7);
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  const bars = points
    .map((p, i) => {
      const x = pad.l + i * step + (step - bar) / 2;
      return (
        `<rect x="${x.toFixed(1)}" y="${y(p.value).toFixed(1)}" width="${bar.toFixed(1)}" height="${(H - pad.b - y(p.value)).toFixed(1)}" fill="#2f6fb0"/>` +
        `<text x="${(x + bar / 2).toFixed(1)}" y="${H - pad.b + 14}" text-anchor="middle">${esc(p.label)}</text>`
      );
    })
    .join('');
  return (
    `<figure><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg">` +
    `<line x1="${pad.l}" y1="${H - pad.b}" x2="${W - pad.r}" y2="${H - pad.b}" stroke="#888"/>` +
    `<line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${H - pad.b}" stroke="#888"/>` +
    `<text x="${pad.l - 4}" y="${pad.t + 4}" text-anchor="end">${esc(axis(max))}</text>` +
    `<text x="${pad.l - 4}" y="${H - pad.b}" text-anchor="end">0</text>${bars}</svg>` +
    `<figcaption>${esc(title)}</figcaption></figure>`
  );
}

/** A goal's actual line against its pace line, over the goal's period. */
function paceChart(g: ReportGoal, o: HtmlOptions): string {
  const H = 150;
  const pad = { l: 64, r: 8, t: 10, b: 22 };
  const days = g.pace_chart.pace.map((p) => p.date);
  if (days.length === 0) return '';
  const values = [...g.pace_chart.actual, ...g.pace_chart.pace]
    .map((p) => p.value)
    .filter((v): v is number => v !== null);
  // Sums grow from zero; a level (a rate, a rating, a score) is drawn around where it moves.
  const level = g.unit === 'fraction' || g.unit === 'rating' || g.unit === 'score';
  const all = g.target === null ? values : [...values, g.target];
  const max = Math.max(1e-9, ...all);
  const low = Math.min(...all);
  const min = level ? low - (max - low) * 0.15 : Math.min(0, low);
  const index = new Map(days.map((d, i) => [d, i]));
  const x = (d: string) => pad.l + ((W - pad.l - pad.r) * (index.get(d) ?? 0)) / Math.max(1, days.length - 1);
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - (v - min) / (max - min || 1));
  const line = (pts: { date: string; value: number | null }[]) =>
    pts
      .filter((p) => p.value !== null && index.has(p.date))
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.date).toFixed(1)},${y(p.value!).toFixed(1)}`)
      .join('');
  const title = o.t('reports.html.paceChart', { goal: g.title });
  return (
    `<figure><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg">` +
    `<line x1="${pad.l}" y1="${H - pad.b}" x2="${W - pad.r}" y2="${H - pad.b}" stroke="#888"/>` +
    `<text x="${pad.l - 4}" y="${pad.t + 4}" text-anchor="end">${axisValue(g, max, o.format)}</text>` +
    `<text x="${pad.l}" y="${H - 6}">${esc(o.format.date(days[0]!))}</text>` +
    `<text x="${W - pad.r}" y="${H - 6}" text-anchor="end">${esc(o.format.date(days.at(-1)!))}</text>` +
    `<path d="${line(g.pace_chart.pace)}" fill="none" stroke="#999" stroke-dasharray="4 3" stroke-width="1.5"/>` +
    `<path d="${line(g.pace_chart.actual)}" fill="none" stroke="#2f6fb0" stroke-width="2"/></svg>` +
    `<figcaption>${esc(title)} — <span class="key actual">${esc(o.t('reports.html.actual'))}</span> ` +
    `<span class="key pace">${esc(o.t('reports.html.pace'))}</span></figcaption></figure>`
  );
}

// ---- the page -------------------------------------------------------------------------------

/**
 * At-risk customers the printed report lists, those with the most reasons first (care's order):
 * a coach reads the pattern, not three hundred names; the CSV and JSON files hold the list
 * (every one, up to REPORT_AT_RISK_LISTED).
 */
const AT_RISK_PRINTED = 25;

/** The note under the printed list: how many more there are, and how many of them the files list. */
function atRiskMore(care: NonNullable<ReportDocument['care']>, o: HtmlOptions): string {
  const count = care.at_risk_total - AT_RISK_PRINTED;
  if (count <= 0) return '';
  const counted = { count, formatted: o.format.number(count) };
  const note =
    care.at_risk.length < care.at_risk_total
      ? o.t('reports.html.atRiskMoreListed', { ...counted, listed: o.format.number(care.at_risk.length) })
      : o.t('reports.html.atRiskMore', counted);
  return `<p class="note">${esc(note)}</p>`;
}

const SHEET_WIDTH: Readonly<Record<Paper, string>> = { a4: '210mm', letter: '8.5in' };

/** What every printed page of Rapport shares (the report, the coach's summary): type, headings, tables, figures. */
export const PRINT_CSS = `
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-size: 9.5pt; color: #1b1b1b; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1px solid #ccc; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1mm; break-after: avoid; }
p.meta { color: #555; margin: 0 0 4mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { text-align: left; padding: 1.2mm 2mm; border-bottom: 1px solid #e2e2e2; vertical-align: top; }
th { background: #f1f4f8; font-weight: 600; }
figure { margin: 2mm 0 4mm; break-inside: avoid; }
figcaption { color: #555; font-size: 8.5pt; }
svg text { font-size: 10px; fill: #444; }
`;

const CSS = `
@page { size: var(--paper); }
${PRINT_CSS}th::first-letter { text-transform: uppercase; }
.nowrap { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.goal { break-inside: avoid; }
.status { font-weight: 600; }
.key.actual::before { content: ""; display: inline-block; width: 10px; height: 2px; background: #2f6fb0; margin: 0 3px 2px 6px; }
.key.pace::before { content: ""; display: inline-block; width: 10px; border-top: 2px dashed #999; margin: 0 3px 2px 6px; }
.empty, .note { color: #666; font-style: italic; }
blockquote { margin: 1mm 0 3mm; padding-left: 3mm; border-left: 2px solid #ccc; white-space: pre-wrap; }
.entry { break-inside: avoid; }
@media screen {
  html { background: #8a8f98; }
  body { background: #fff; width: var(--sheet); min-height: 100vh; margin: 0 auto; padding: 18mm 14mm 16mm; box-shadow: 0 0 6px rgba(0,0,0,.35); }
}
`;

/**
 * The report's one stylesheet for a paper: printed, the paper's size; on screen (the Reports
 * screen's preview), a sheet of the paper's width with the print margins.
 */
export const reportStyles = (paper: Paper): string =>
  CSS.replace('var(--paper)', paper === 'letter' ? 'Letter' : 'A4').replace('var(--sheet)', SHEET_WIDTH[paper]);

/**
 * The CSP sources that let the app's window show the report's stylesheet in its sandboxed
 * preview frame (a srcdoc frame inherits the app's policy): the hash of each paper's exact
 * stylesheet, so no other inline style is allowed.
 */
export const reportStyleHashes = (): string[] =>
  PAPERS.map((paper) => `'sha256-${createHash('sha256').update(reportStyles(paper)).digest('base64')}'`);

/** The print job for a document: the page, its running header and its numbered footer. */
export function reportHtml(doc: ReportDocument, o: HtmlOptions): PrintJob {
  const { t, format: f } = o;
  const count = (n: number): string => esc(f.number(n));
  const cur = doc.summary.currency;
  const period = f.range(doc.period.from, doc.period.to);
  const seller = doc.seller.name === '' ? t('reports.html.noSeller') : doc.seller.name;
  const parts: string[] = [];

  parts.push(
    `<h1>${esc(t('reports.html.title'))}</h1>`,
    `<p class="meta">${esc(t('reports.html.meta', { seller, period, generated: f.dateTime(doc.generated_at) }))}</p>`,
  );

  // Summary, with the comparison when there is one.
  const c = doc.period.compare;
  const keys = Object.keys(doc.summary).filter((k) => !['from', 'to', 'currency'].includes(k));
  const sum = doc.summary as Record<string, number | string | null>;
  parts.push(`<h2>${esc(t('reports.sections.summary'))}</h2>`);
  if (c)
    parts.push(`<p class="meta">${esc(t(`reports.html.compare.${c.kind}`, { period: f.range(c.from, c.to) }))}</p>`);
  parts.push(
    table(
      keys,
      [
        { head: t('reports.columns.figure'), cell: (k) => esc(t(`reports.figures.${k}`)) },
        { head: t('reports.columns.value'), cell: (k) => figure(k, sum[k] ?? null, cur, f), num: true },
        ...(c
          ? [
              {
                head: t('reports.columns.compared'),
                cell: (k: string) =>
                  figure(k, (c.summary as Record<string, number | string | null>)[k] ?? null, cur, f),
                num: true,
              },
              {
                head: t('reports.columns.delta'),
                cell: (k: string) => delta(k, c.delta[k] ?? null, cur, f),
                num: true,
              },
            ]
          : []),
      ],
      '',
    ),
  );

  if (doc.goals) {
    parts.push(`<h2>${esc(t('reports.sections.goals'))}</h2>`);
    if (doc.goals.length === 0) parts.push(`<p class="empty">${esc(t('reports.html.noGoals'))}</p>`);
    for (const g of doc.goals) {
      const chance = g.forecast.probability === null ? '—' : f.percent(g.forecast.probability, 0);
      parts.push(
        `<div class="goal"><h3>${esc(g.title)}</h3>` +
          `<p>${esc(t('reports.html.goalLine', { from: f.date(g.period.from), to: f.date(g.period.to) }))} · ` +
          `<span class="status">${esc(t(`paceWords.${g.status}`))}</span> · ` +
          `${esc(t('reports.columns.current'))}: ${goalValue(g, g.current, f)} / ${goalValue(g, g.target, f)} ` +
          `(${esc(f.percent(g.progress ?? 0, 0))}) · ${esc(t('reports.columns.probability'))}: ${esc(chance)} · ` +
          `${esc(t('reports.columns.projected'))}: ${goalValue(g, g.forecast.projected, f)}</p>` +
          paceChart(g, o) +
          `</div>`,
      );
    }
  }

  if (doc.scorecard) {
    parts.push(`<h2>${esc(t('reports.sections.scorecard'))}</h2>`);
    const score = (x: number | null) => (x === null ? '—' : esc(f.number(x, 0)));
    parts.push(
      table(
        doc.scorecard.periods,
        [
          { head: t('reports.columns.period'), cell: (p) => esc(f.range(p.from, p.to)) },
          { head: t('reports.columns.score'), cell: (p) => score(p.score), num: true },
          { head: t('reports.columns.volume'), cell: (p) => score(p.volume.score), num: true },
          { head: t('reports.columns.quality'), cell: (p) => score(p.quality.score), num: true },
          { head: t('reports.columns.loyalty'), cell: (p) => score(p.loyalty.score), num: true },
          { head: t('reports.columns.achieved'), cell: (p) => count(p.achieved), num: true },
          { head: t('reports.columns.missed'), cell: (p) => count(p.missed), num: true },
          { head: t('reports.columns.open'), cell: (p) => count(p.open), num: true },
        ],
        t('reports.html.noScorecard'),
      ),
    );
  }

  if (doc.volume) {
    const v = doc.volume;
    parts.push(`<h2>${esc(t('reports.sections.volume'))}</h2>`);
    parts.push(
      barChart(
        v.months.map((m) => ({ label: m.month.slice(2), value: m.revenue_cents })),
        t('reports.html.revenueByMonth'),
        (x) => f.compactMoney(x, v.currency),
      ),
    );
    parts.push(
      table(
        v.months,
        [
          { head: t('reports.columns.month'), cell: (m) => `<span class="nowrap">${esc(m.month)}</span>` },
          {
            head: t('reports.figures.revenue_cents'),
            cell: (m) => figure('revenue_cents', m.revenue_cents, v.currency, f),
            num: true,
          },
          { head: t('reports.figures.deals_won'), cell: (m) => count(m.deals_won), num: true },
          { head: t('reports.figures.deals_lost'), cell: (m) => count(m.deals_lost), num: true },
          {
            head: t('reports.columns.win_rate'),
            cell: (m) => figure('win_rate', m.win_rate, v.currency, f),
            num: true,
          },
          {
            head: t('reports.figures.avg_deal_cents'),
            cell: (m) => figure('avg_deal_cents', m.avg_deal_cents, v.currency, f),
            num: true,
          },
          { head: t('reports.figures.new_customers'), cell: (m) => count(m.new_customers), num: true },
          { head: t('reports.figures.repeat_customers'), cell: (m) => count(m.repeat_customers), num: true },
        ],
        '',
      ),
    );
  }

  if (doc.quality) {
    parts.push(`<h2>${esc(t('reports.sections.quality'))}</h2>`, figures(Object.entries(doc.quality), cur, o));
  }
  if (doc.loyalty) {
    const { retention, ...rest } = doc.loyalty;
    parts.push(
      `<h2>${esc(t('reports.sections.loyalty'))}</h2>`,
      figures(
        [
          ...Object.entries(rest),
          ['retention_previous_customers', retention.previous_customers],
          ['retention_retained', retention.retained],
          ['retention_rate', retention.rate],
        ],
        cur,
        o,
      ),
    );
  }
  if (doc.care) {
    const { check_ins: ci, complaints: cp } = doc.care;
    parts.push(
      `<h2>${esc(t('reports.sections.care'))}</h2>`,
      figures(
        [
          ['check_ins_due', ci.due],
          ['check_ins_on_time', ci.on_time],
          ['check_ins_on_time_rate', ci.on_time_rate],
          ['complaints_opened', cp.opened],
          ['complaints_resolved', cp.resolved],
          ['complaints_median_days_to_resolve', cp.median_days_to_resolve],
          ['interactions', doc.care.interactions],
          ['at_risk_customers', doc.care.at_risk_total],
        ],
        cur,
        o,
      ),
      `<h3>${esc(t('reports.html.atRisk'))}</h3>`,
      table(
        doc.care.at_risk.slice(0, AT_RISK_PRINTED),
        [
          { head: t('reports.columns.customer'), cell: (r) => esc(r.customer.label) },
          {
            head: t('reports.columns.reasons'),
            cell: (r) => r.reasons.map((x) => esc(t(`reports.reasons.${x}`))).join(', '),
          },
        ],
        t('reports.html.noAtRisk'),
      ),
      atRiskMore(doc.care, o),
    );
  }
  if (doc.techniques) {
    const pct = (x: number | null) => (x === null ? '—' : esc(f.percent(x, 0)));
    parts.push(
      `<h2>${esc(t('reports.sections.techniques'))}</h2>`,
      table(
        doc.techniques.rows,
        [
          { head: t('reports.columns.technique'), cell: (r) => esc(r.technique) },
          { head: t('reports.columns.used'), cell: (r) => count(r.used), num: true },
          { head: t('reports.columns.win_rate'), cell: (r) => pct(r.win_rate), num: true },
          {
            head: t('reports.columns.interval'),
            cell: (r) => (r.interval_low === null ? '—' : `${pct(r.interval_low)}–${pct(r.interval_high)}`),
            num: true,
          },
          { head: t('reports.columns.baseline_win_rate'), cell: (r) => pct(r.baseline_win_rate), num: true },
          { head: t('reports.columns.prob_better'), cell: (r) => pct(r.prob_better), num: true },
        ],
        t('reports.html.noTechniques'),
      ),
    );
  }
  if (doc.learning) {
    parts.push(`<h2>${esc(t('reports.sections.learning'))}</h2>`, figures(Object.entries(doc.learning), cur, o));
  }
  if (doc.journal) {
    parts.push(`<h2>${esc(t('reports.sections.journal'))}</h2>`);
    if (doc.journal.length === 0) parts.push(`<p class="empty">${esc(t('reports.html.noJournal'))}</p>`);
    for (const e of doc.journal) {
      const texts = (
        [
          ['situation', e.situation],
          ['action', e.action],
          ['learned', e.learned],
          ['next_time', e.next_time],
          ['body', e.body],
        ] as const
      )
        .filter(([, v]) => v !== null)
        .map(([k, v]) => `<h4>${esc(t(`reports.columns.${k}`))}</h4><blockquote>${esc(v!)}</blockquote>`)
        .join('');
      const about = [
        f.date(e.date),
        e.outcome ? t(`reports.outcomes.${e.outcome}`) : null,
        e.customer?.label ?? null,
        e.techniques.join(', ') || null,
      ]
        .filter((x): x is string => x !== null)
        .join(' · ');
      parts.push(`<div class="entry"><h3>${esc(e.title)}</h3><p class="meta">${esc(about)}</p>${texts}</div>`);
    }
  }
  if (doc.comment !== null) {
    parts.push(`<h2>${esc(t('reports.sections.comment'))}</h2>`, `<blockquote>${esc(doc.comment)}</blockquote>`);
  }
  parts.push(
    `<p class="note">${esc(
      t(doc.privacy.pseudonymized ? 'reports.html.privacyPseudonymized' : 'reports.html.privacyNamed'),
    )}</p>`,
  );

  const html =
    `<!doctype html><html lang="${doc.language}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>${esc(t('reports.html.title'))} — ${esc(seller)}</title>` +
    `<style>${reportStyles(o.paper)}</style></head><body>\n${parts.join('\n')}\n</body></html>`;
  const small = 'font-family: sans-serif; font-size: 8px; color: #555; width: 100%; margin: 0 14mm;';
  return {
    html,
    header: `<div style="${small}">${esc(t('reports.html.header', { seller, period }))}</div>`,
    footer:
      `<div style="${small} text-align: right;">` +
      esc(t('reports.html.page', { page: '\u0001', pages: '\u0002' }))
        .replace('\u0001', '<span class="pageNumber"></span>')
        .replace('\u0002', '<span class="totalPages"></span>') +
      `</div>`,
    paper: o.paper,
  };
}

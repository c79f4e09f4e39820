import type { Format } from '../../shared/format';
import type { Translate } from '../../shared/locales/translate';
import type { CsvDialect } from '../exchange/contract';
import { csvDocument, type CsvColumn } from '../exchange';
import { barChart, esc, PRINT_CSS, type PrintJob } from '../reports';
import { coachPeriods, figureText, COACH_FIGURES, type CoachNote, type CoachReport, type CoachRow } from './contract';

/**
 * The combined summary a coach exports: every report kept, grouped by period, each seller's
 * KPIs side by side, their goals' status, charts across sellers and the coach's notes. The PDF
 * is this HTML printed by the reports' printer (reports/pdf.ts: no script, every request
 * refused); everything from a report is escaped here (esc), never inserted as markup.
 */

export interface SummaryOptions {
  t: Translate;
  format: Format;
  now: Date;
}

const SELLERS_PER_TABLE = 5;

const CSS = `${PRINT_CSS}
th, td { overflow-wrap: anywhere; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.empty { color: #666; font-style: italic; }
tbody td:first-child { white-space: nowrap; }
blockquote { margin: 1mm 0 3mm; padding-left: 3mm; border-left: 2px solid #ccc; white-space: pre-wrap; }
.note { break-inside: avoid; }
`;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The combined summary's print job (A4), its header naming the summary, its footer the pages. */
export function coachSummaryHtml(
  reports: readonly CoachReport[],
  notes: readonly CoachNote[],
  o: SummaryOptions,
): PrintJob {
  const { t, format: f } = o;
  const name = (seller: string): string => (seller === '' ? t('coach.noSeller') : seller);
  // A chart's label under its bar: a long name is cut short (the table above has it whole).
  const short = (seller: string): string => {
    const n = name(seller);
    return n.length > 24 ? `${n.slice(0, 23)}…` : n;
  };
  const parts: string[] = [
    `<h1>${esc(t('coach.summary.title'))}</h1>`,
    `<p class="meta">${esc(t('coach.summary.meta', { count: reports.length, generated: f.dateTime(o.now.toISOString()) }))}</p>`,
  ];
  if (reports.length === 0) parts.push(`<p class="empty">${esc(t('coach.empty.title'))}</p>`);
  const byId = new Map(reports.map((r) => [r.id, r]));
  for (const period of coachPeriods(reports)) {
    parts.push(`<h2>${esc(t('coach.table.period', { period: f.range(period.from, period.to) }))}</h2>`);
    for (const group of chunks(period.rows, SELLERS_PER_TABLE)) {
      const head =
        `<th>${esc(t('coach.table.figure'))}</th>` +
        group.map((r) => `<th class="num">${esc(name(r.seller))}</th>`).join('');
      const body = COACH_FIGURES.map(
        (key) =>
          `<tr><td>${esc(t(`coach.figures.${key}`))}</td>` +
          group.map((r) => `<td class="num">${esc(figureText(r, key, t, f))}</td>`).join('') +
          `</tr>`,
      ).join('\n');
      parts.push(`<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`);
    }
    const currencies = new Set(period.rows.map((r) => r.currency));
    if (period.rows.length > 1 && currencies.size === 1) {
      const currency = period.rows[0]!.currency;
      parts.push(
        barChart(
          period.rows.map((r) => ({ label: short(r.seller), value: r.revenue_cents })),
          t('coach.charts.revenueTitle', { currency }),
          (v) => f.compactMoney(v, currency),
        ),
      );
    }
    if (period.rows.length > 1 && period.rows.some((r) => r.win_rate !== null))
      parts.push(
        barChart(
          period.rows.map((r) => ({ label: short(r.seller), value: (r.win_rate ?? 0) * 100 })),
          t('coach.charts.winRateTitle'),
          (v) => f.percent(v / 100, 0),
        ),
      );
    // Each seller's goals in this period, with their status.
    const goals = period.rows.flatMap((row) =>
      (byId.get(row.id)?.document.goals ?? []).map((g) => ({ seller: name(row.seller), g })),
    );
    if (goals.length > 0) {
      parts.push(`<h3>${esc(t('coach.goals.title'))}</h3>`);
      const rows = goals
        .map(
          ({ seller, g }) =>
            `<tr><td>${esc(seller)}</td><td>${esc(g.title)}</td><td>${esc(t(`paceWords.${g.status}`))}</td>` +
            `<td class="num">${esc(g.progress === null ? t('coach.table.none') : f.percent(g.progress, 0))}</td></tr>`,
        )
        .join('\n');
      parts.push(
        `<table><thead><tr><th>${esc(t('coach.goals.seller'))}</th><th>${esc(t('coach.goals.goal'))}</th>` +
          `<th>${esc(t('coach.goals.status'))}</th><th class="num">${esc(t('coach.goals.progress'))}</th></tr></thead>` +
          `<tbody>\n${rows}\n</tbody></table>`,
      );
    }
  }
  const kept = notes.filter((n) => n.text.trim() !== '');
  if (kept.length > 0) {
    parts.push(`<h2>${esc(t('coach.notes.title'))}</h2>`);
    for (const n of kept)
      parts.push(`<div class="note"><h3>${esc(name(n.seller))}</h3><blockquote>${esc(n.text)}</blockquote></div>`);
  }
  const title = t('coach.summary.title');
  const html =
    `<!doctype html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>${esc(title)}</title><style>${CSS}</style></head><body>\n${parts.join('\n')}\n</body></html>`;
  const small = 'font-family: sans-serif; font-size: 8px; color: #555; width: 100%; margin: 0 14mm;';
  return {
    html,
    header: `<div style="${small}">${esc(title)}</div>`,
    footer:
      `<div style="${small} text-align: right;">` +
      esc(t('reports.html.page', { page: '\u0001', pages: '\u0002' }))
        .replace('\u0001', '<span class="pageNumber"></span>')
        .replace('\u0002', '<span class="totalPages"></span>') +
      `</div>`,
    paper: 'a4',
  };
}

type CsvRow = CoachRow & { note: string | null };

/** One row per report kept, written like the other exports (BOM, CRLF, the dialect, text neutralised). */
export function coachSummaryCsv(
  reports: readonly CoachReport[],
  notes: readonly CoachNote[],
  t: Translate,
  dialect: CsvDialect,
): { text: string; rows: number } {
  const noteOf = new Map(notes.map((n) => [n.seller, n.text]));
  const rows: CsvRow[] = coachPeriods(reports).flatMap((p) =>
    p.rows.map((r) => ({ ...r, note: noteOf.get(r.seller) ?? null })),
  );
  const columns: CsvColumn<CsvRow>[] = [
    { header: 'seller', value: (r) => r.seller, text: true },
    { header: 'from', value: (r) => r.from },
    { header: 'to', value: (r) => r.to },
    { header: 'currency', value: (r) => r.currency },
    { header: 'revenue_cents', value: (r) => r.revenue_cents },
    { header: 'deals_won', value: (r) => r.deals_won },
    { header: 'win_rate', value: (r) => r.win_rate, decimal: true },
    { header: 'avg_deal_cents', value: (r) => r.avg_deal_cents },
    { header: 'avg_satisfaction', value: (r) => r.avg_satisfaction, decimal: true },
    { header: 'nps', value: (r) => r.nps, decimal: true },
    { header: 'new_customers', value: (r) => r.new_customers },
    { header: 'repeat_customers', value: (r) => r.repeat_customers },
    { header: 'repeat_share', value: (r) => r.repeat_share, decimal: true },
    { header: 'goals_on_track', value: (r) => r.goals_on_track },
    { header: 'goals_total', value: (r) => r.goals_total },
    { header: 'note', value: (r) => r.note, text: true },
  ];
  return {
    text: csvDocument(
      columns,
      columns.map((c) => t(`coach.csv.${c.header}`)),
      rows,
      dialect,
    ),
    rows: rows.length,
  };
}

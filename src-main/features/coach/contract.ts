import { z } from 'zod';
import { Id } from '../../shared/domain';
import { command, query } from '../../shared/operations';
import { REPORT_SCHEMA_VERSION, ReportDocument } from '../reports/contract';
import { FilePath } from '../exchange/contract';
import type { Format } from '../../shared/format';
import type { Translate } from '../../shared/locales/translate';
import { COACH_EXPORT_FORMATS } from './choices';
export { COACH_EXPORT_FORMATS } from './choices';

/**
 * The coach workspace: a coach opens several sellers' JSON reports (`rapport report --format
 * json`), compares them side by side, keeps notes per seller and exports one combined summary.
 * A report is read, never trusted (read.ts): every check that fails has its own message key.
 */

/**
 * The largest report file opened. A year's report of a busy seller with every section is well
 * under 1 MB (goals' pace charts, a month per row); 10 MB leaves ten times that and still keeps
 * a hostile file from holding the app's memory and parser for long.
 */
export const COACH_MAX_BYTES = 10 * 1024 * 1024;

/** The newest report schema version this app reads (it reads every one from 1 up). */
export const COACH_READS_VERSION = REPORT_SCHEMA_VERSION;

/**
 * A report as the workspace keeps it: the document of its version, a version-1 one with the
 * at-risk total it lacked filled in from its list (read.ts withAtRiskTotal).
 */
export const CoachDocument = ReportDocument.extend({
  schema_version: z.union([z.literal(1), z.literal(REPORT_SCHEMA_VERSION)]),
}).strict();
export type CoachDocument = z.infer<typeof CoachDocument>;

/** Each check a report passes, in order; a refusal names the one that failed (coach.refused.<check>). */
export const COACH_CHECKS = [
  'tooLarge',
  'notText',
  'notJson',
  'noVersion',
  'newerVersion',
  'schema',
  'unsigned',
  'tampered',
  'inconsistent',
] as const;
export type CoachCheck = (typeof COACH_CHECKS)[number];

/** A file picked in the open dialog (path), or one dropped on the screen (its name and text). */
export const CoachOpenRequest = z.union([
  z.object({ path: FilePath }).strict(),
  z
    .object({
      name: z.string().min(1).max(255),
      // Generous here: the reader refuses anything over COACH_MAX_BYTES with its own message.
      text: z.string().max(COACH_MAX_BYTES * 2),
    })
    .strict(),
]);
export type CoachOpenRequest = z.infer<typeof CoachOpenRequest>;

/** A report kept in the workspace: the validated document and where it came from. */
export const CoachReport = z.object({
  id: Id,
  file: z.string(),
  openedAt: z.string(),
  seller: z.string(),
  from: z.string(),
  to: z.string(),
  document: CoachDocument,
});
export type CoachReport = z.infer<typeof CoachReport>;

export const CoachNote = z.object({ seller: z.string(), text: z.string(), updatedAt: z.string() });
export type CoachNote = z.infer<typeof CoachNote>;

export const CoachWorkspace = z.object({ reports: z.array(CoachReport), notes: z.array(CoachNote) });
export type CoachWorkspace = z.infer<typeof CoachWorkspace>;

export const CoachNoteInput = z.object({
  seller: z.string().trim().min(1, { error: 'errors.required' }).max(120, { error: 'errors.tooLong' }),
  text: z.string().max(20_000, { error: 'errors.tooLong' }),
});

export const CoachExportRequest = z.object({
  format: z.enum(COACH_EXPORT_FORMATS),
  path: FilePath,
  overwrite: z.boolean().default(false),
});
export const CoachExportResult = z.object({ path: z.string(), bytes: z.int(), rows: z.int() });

/**
 * coach.list: what the workspace holds. coach.open reads, checks and keeps a report (the same
 * seller and period again replaces the one kept); coach.remove drops one; coach.note saves a
 * seller's note (empty text removes it). coach.export writes the combined summary (a file only).
 */
export const coachOps = {
  'coach.list': query(z.object({}).strict().optional(), CoachWorkspace),
  'coach.open': command(CoachOpenRequest, CoachReport, { writes: ['coach'] }),
  'coach.remove': command(z.object({ id: Id }), z.object({ id: Id }), { writes: ['coach'] }),
  'coach.note': command(CoachNoteInput, CoachNote, { writes: ['coach'] }),
  'coach.export': query(CoachExportRequest, CoachExportResult),
} as const;

// ---- the side-by-side model (the screen's table, the combined PDF and CSV) -------------------

/** A goal counts as on track when it is achieved, ahead or on track (as on Home). */
export const ON_TRACK_STATUSES: readonly string[] = ['achieved', 'ahead', 'on_track'];

/** One report's KPIs: the summary's figures, the repeat share when the loyalty section is there, the goals. */
export interface CoachRow {
  id: number;
  seller: string;
  from: string;
  to: string;
  currency: string;
  revenue_cents: number;
  deals_won: number;
  win_rate: number | null;
  avg_deal_cents: number | null;
  avg_satisfaction: number | null;
  nps: number | null;
  new_customers: number;
  repeat_customers: number;
  repeat_share: number | null;
  goals_on_track: number | null;
  goals_total: number | null;
}

/** The figures of a row, in the order every table shows them. */
export const COACH_FIGURES = [
  'revenue_cents',
  'deals_won',
  'win_rate',
  'avg_deal_cents',
  'avg_satisfaction',
  'nps',
  'new_customers',
  'repeat_customers',
  'repeat_share',
  'goals',
] as const;
export type CoachFigure = (typeof COACH_FIGURES)[number];

export function coachRow(report: CoachReport): CoachRow {
  const d = report.document;
  const s = d.summary;
  return {
    id: report.id,
    seller: report.seller,
    from: d.period.from,
    to: d.period.to,
    currency: s.currency,
    revenue_cents: s.revenue_cents,
    deals_won: s.deals_won,
    win_rate: s.win_rate,
    avg_deal_cents: s.avg_deal_cents,
    avg_satisfaction: s.avg_satisfaction,
    nps: s.nps,
    new_customers: s.new_customers,
    repeat_customers: s.repeat_customers,
    repeat_share: d.loyalty?.repeat_purchase_rate ?? null,
    goals_on_track: d.goals ? d.goals.filter((g) => ON_TRACK_STATUSES.includes(g.status)).length : null,
    goals_total: d.goals ? d.goals.length : null,
  };
}

/** Reports grouped by period (newest first), sellers alphabetically within one. */
export function coachPeriods(reports: readonly CoachReport[]): { from: string; to: string; rows: CoachRow[] }[] {
  const groups = new Map<string, { from: string; to: string; rows: CoachRow[] }>();
  for (const r of reports) {
    const key = `${r.from}|${r.to}`;
    const group = groups.get(key) ?? { from: r.from, to: r.to, rows: [] };
    group.rows.push(coachRow(r));
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => (a.to === b.to ? b.from.localeCompare(a.from) : b.to.localeCompare(a.to)))
    .map((g) => ({ ...g, rows: g.rows.sort((a, b) => a.seller.localeCompare(b.seller) || a.id - b.id) }));
}

/** A figure of a row as a person reads it (unescaped). */
export function figureText(row: CoachRow, key: CoachFigure, t: Translate, f: Format): string {
  const none = t('coach.table.none');
  switch (key) {
    case 'revenue_cents':
      return f.money(row.revenue_cents, row.currency);
    case 'avg_deal_cents':
      return row.avg_deal_cents === null ? none : f.money(row.avg_deal_cents, row.currency);
    case 'win_rate':
    case 'repeat_share': {
      const v = row[key];
      return v === null ? none : f.percent(v, 1);
    }
    case 'avg_satisfaction':
      return row.avg_satisfaction === null ? none : `${f.number(row.avg_satisfaction, 2)} / 5`;
    case 'nps':
      return row.nps === null ? none : f.number(row.nps, 1);
    case 'goals':
      return row.goals_total === null
        ? none
        : t('coach.table.goalsOf', { on: f.number(row.goals_on_track ?? 0), all: f.number(row.goals_total) });
    default:
      return f.number(row[key]);
  }
}

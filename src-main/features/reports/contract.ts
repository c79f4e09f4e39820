import { z } from 'zod';
import { Id, IsoDateSchema } from '../../shared/domain';
import { query } from '../../shared/operations';
import { Stats } from '../metrics/contract';
import { AT_RISK_PAGE_MAX } from '../care/contract';
import { CsvDialect, FilePath } from '../exchange/contract';
import { REPORT_SECTIONS, REPORT_COMPARES, REPORT_FORMATS, PAPERS } from './choices';
export { REPORT_SECTIONS, REPORT_COMPARES, REPORT_FORMATS, PAPERS } from './choices';

/**
 * The coach progress report: ONE document, defined here and nowhere else. The JSON file is this
 * document as it is (validated before every write), the CSV zip and the PDF are made from it,
 * and docs/report.schema.json is generated from `ReportDocument` (scripts/report-schema.ts).
 * Keys are snake_case like every JSON the command line prints; money is in minor units of
 * `summary.currency`, rates are 0–1, NPS −100…100, satisfaction 1–5.
 */

/**
 * 2 added `care.at_risk_total`: version 1 had only the list, whose length stopped at the list's
 * limit. The coach workspace reads both (coach/read.ts).
 */
export const REPORT_SCHEMA_VERSION = 2;

/**
 * The most at-risk customers a report lists (care.atRisk's largest page), those with the most
 * reasons first; `care.at_risk_total` counts every one. At a million sales a book has ~65,000:
 * listing them all would make the JSON larger than the coach workspace opens (COACH_MAX_BYTES).
 */
export const REPORT_AT_RISK_LISTED = AT_RISK_PAGE_MAX;

export const ReportSection = z.enum(REPORT_SECTIONS);
export type ReportSection = z.infer<typeof ReportSection>;

export const ReportCompare = z.enum(REPORT_COMPARES);
export type ReportCompare = z.infer<typeof ReportCompare>;

export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;

export const Paper = z.enum(PAPERS);
export type Paper = z.infer<typeof Paper>;

/** The longest period a report covers (care's metrics refuse more). */
export const MAX_REPORT_DAYS = 3660;

// ---- options ----------------------------------------------------------------------------------

/** What goes into a report and how private it is (the app's Reports screen and `rapport report`). */
export const ReportOptions = z
  .object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    compare: ReportCompare.nullable().default(null),
    /** Every section unless given; the summary is always there. */
    sections: z
      .array(ReportSection)
      .min(1, { error: 'errors.required' })
      .default([...REPORT_SECTIONS]),
    /** Customers as "Customer 1…N" with labels from a secret made for this export alone. */
    anonymize: z.boolean().default(false),
    /** The journal highlights' written text (what happened, what I learned); titles stay. */
    journalText: z.boolean().default(true),
    /** The journal entries the seller picks as highlights. */
    journalIds: z.array(Id).max(50, { error: 'errors.tooMany' }).default([]),
    comment: z.string().trim().max(5000, { error: 'errors.tooLong' }).default(''),
    /** The seller's name on the report; the last one used when absent. */
    seller: z.string().trim().max(120, { error: 'errors.tooLong' }).optional(),
  })
  .refine((o) => o.from <= o.to, { path: ['to'], message: 'errors.rangeOrder' })
  .refine((o) => Date.parse(o.to) - Date.parse(o.from) < MAX_REPORT_DAYS * 86_400_000, {
    path: ['from'],
    message: 'errors.rangeTooLong',
  });
export type ReportOptions = z.output<typeof ReportOptions>;
export type ReportOptionsInput = z.input<typeof ReportOptions>;

export const ReportSaveRequest = z.object({
  options: ReportOptions,
  format: ReportFormat,
  path: FilePath,
  paper: Paper.default('a4'),
  /** CSV: as `rapport export --dialect`; the database language's when absent. */
  dialect: CsvDialect.optional(),
  overwrite: z.boolean().default(false),
});
export type ReportSaveRequest = z.output<typeof ReportSaveRequest>;

/** What the Reports screen previews: the options and the paper the PDF would be printed on. */
export const ReportPreviewRequest = z.object({ options: ReportOptions, paper: Paper.default('a4') });
export const ReportPreview = z.object({
  /** The whole page html.ts makes (its own CSP: no script, no network); shown in a sandboxed frame. */
  html: z.string(),
  rows: z.record(z.string(), z.int()),
});
export type ReportPreview = z.infer<typeof ReportPreview>;

// ---- the document -----------------------------------------------------------------------------

const Rate = z.number().min(0).max(1);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Count = z.int().min(0);

/** Exactly `rapport stats --json` for the period: the same keys, units and function. */
export const ReportSummary = Stats.strict();

/** The summary's numeric figures: what a comparison's delta holds, and what must agree across a document. */
export const SUMMARY_NUMBERS = [
  'revenue_cents',
  'deals_won',
  'deals_lost',
  'deals_open',
  'win_rate',
  'avg_deal_cents',
  'customers_active',
  'new_customers',
  'repeat_customers',
  'avg_satisfaction',
  'nps',
] as const satisfies readonly (keyof Stats)[];

const Delta = z.record(z.string(), z.number().nullable());

export const ReportPeriod = z
  .object({
    from: Day,
    to: Day,
    compare: z
      .object({
        kind: ReportCompare,
        from: Day,
        to: Day,
        /** `rapport stats --json` for the compared period. */
        summary: ReportSummary,
        /** summary − compared summary, per numeric key (null where either side is null). */
        delta: Delta,
      })
      .strict()
      .nullable(),
  })
  .strict();

const ChartPoint = z.object({ date: Day, value: z.number().nullable() }).strict();

/** A goal as `rapport goals show --json` prints it, with its period, unit and pace chart. */
export const ReportGoal = z
  .object({
    id: Id,
    title: z.string(),
    metric: z.string(),
    target: z.number().nullable(),
    current: z.number().nullable(),
    progress: z.number().nullable(),
    expected_now: z.number().nullable(),
    status: z.string(),
    required_per_day: z.number().nullable(),
    buffer_days: z.number().nullable(),
    forecast: z
      .object({
        probability: z.number().nullable(),
        projected: z.number().nullable(),
        low: z.number().nullable(),
        high: z.number().nullable(),
      })
      .strict(),
    milestones: z.array(
      z
        .object({
          id: Id,
          title: z.string(),
          kind: z.string(),
          date: z.string(),
          target: z.number().nullable(),
          reached: z.boolean(),
          reached_on: z.string().nullable(),
          overdue: z.boolean(),
        })
        .strict(),
    ),
    period: z.object({ from: Day, to: Day }).strict(),
    unit: z.string(),
    currency: z.string().nullable(),
    as_of: Day,
    pace_chart: z.object({ actual: z.array(ChartPoint), pace: z.array(ChartPoint) }).strict(),
  })
  .strict();
export type ReportGoal = z.infer<typeof ReportGoal>;

const SideScore = z.object({ score: z.number().nullable(), goals: Count }).strict();
export const ReportScorecard = z
  .object({
    every: z.string(),
    weights: z.object({ volume: z.number(), quality: z.number(), loyalty: z.number() }).strict(),
    periods: z.array(
      z
        .object({
          from: Day,
          to: Day,
          score: z.number().nullable(),
          volume: SideScore,
          quality: SideScore,
          loyalty: SideScore,
          achieved: Count,
          missed: Count,
          open: Count,
        })
        .strict(),
    ),
  })
  .strict();

/** One month of the period (clipped to it), each figure as `rapport stats` gives it for those days. */
export const ReportMonth = z
  .object({
    month: z.string().regex(/^\d{4}-\d{2}$/),
    from: Day,
    to: Day,
    revenue_cents: z.int(),
    deals_won: Count,
    deals_lost: Count,
    avg_deal_cents: z.int().nullable(),
    win_rate: Rate.nullable(),
    avg_satisfaction: z.number().nullable(),
    nps: z.number().nullable(),
    customers_active: Count,
    new_customers: Count,
    repeat_customers: Count,
  })
  .strict();
export type ReportMonth = z.infer<typeof ReportMonth>;

export const ReportVolume = z
  .object({
    currency: z.string(),
    revenue_cents: z.int(),
    deals_won: Count,
    deals_lost: Count,
    deals_open: Count,
    avg_deal_cents: z.int().nullable(),
    months: z.array(ReportMonth),
  })
  .strict();

export const ReportQuality = z
  .object({
    win_rate: Rate.nullable(),
    avg_satisfaction: z.number().nullable(),
    satisfaction_responses: Count,
    nps: z.number().nullable(),
    nps_responses: Count,
    nps_promoters: Count,
    nps_detractors: Count,
  })
  .strict();

export const ReportLoyalty = z
  .object({
    customers_active: Count,
    new_customers: Count,
    repeat_customers: Count,
    repeat_purchase_rate: Rate.nullable(),
    retention: z.object({ previous_customers: Count, retained: Count, rate: Rate.nullable() }).strict(),
  })
  .strict();

/** A customer as the report names them: their name, or "Customer 7" (and no id) when pseudonymised. */
const CustomerRef = z.object({ id: Id.nullable(), label: z.string() }).strict();

/** The care section as schema_version 1 wrote it: the at-risk list only. */
export const ReportCareV1 = z
  .object({
    check_ins: z
      .object({
        due: Count,
        on_time: Count,
        late: Count,
        skipped: Count,
        missed: Count,
        on_time_rate: Rate.nullable(),
      })
      .strict(),
    complaints: z
      .object({
        opened: Count,
        resolved: Count,
        closed_unresolved: Count,
        median_days_to_resolve: z.number().nullable(),
      })
      .strict(),
    interactions: Count,
    /** As of the period's last day (or today, if that is earlier). */
    at_risk: z.array(z.object({ customer: CustomerRef, reasons: z.array(z.string()).min(1) }).strict()),
  })
  .strict();

export const ReportCare = ReportCareV1.extend({
  /** Every customer at risk; `at_risk` lists the first REPORT_AT_RISK_LISTED of them. */
  at_risk_total: Count,
}).strict();

export const ReportTechniques = z
  .object({
    closed: Count,
    rows: z.array(
      z
        .object({
          technique: z.string(),
          category: z.string(),
          used: Count,
          won: Count,
          lost: Count,
          win_rate: Rate.nullable(),
          interval_low: Rate.nullable(),
          interval_high: Rate.nullable(),
          baseline_win_rate: Rate.nullable(),
          difference: z.number().nullable(),
          prob_better: Rate.nullable(),
          enough_data: z.boolean(),
        })
        .strict(),
    ),
  })
  .strict();

export const ReportLearning = z
  .object({ items_finished: Count, learning_minutes: z.number(), pages_read: Count, takeaways_tried: Count })
  .strict();

export const ReportJournalEntry = z
  .object({
    id: Id,
    date: Day,
    title: z.string(),
    outcome: z.string().nullable(),
    techniques: z.array(z.string()),
    customer: CustomerRef.nullable(),
    /** Null when the journal's text is left out. */
    situation: z.string().nullable(),
    action: z.string().nullable(),
    learned: z.string().nullable(),
    next_time: z.string().nullable(),
    /** The entry's own text (Markdown, as written). */
    body: z.string().nullable(),
  })
  .strict();

export const ReportPrivacy = z
  .object({
    pseudonymized: z.boolean(),
    /** Customers' emails and phone numbers are never in a report; with pseudonyms, any found in text are blanked. */
    contacts_dropped: z.literal(true),
    /** Free-text notes on customers, sales and complaints are never in a report. */
    notes_dropped: z.literal(true),
    journal_text: z.boolean(),
  })
  .strict();

export const ReportDocument = z
  .object({
    schema_version: z.literal(REPORT_SCHEMA_VERSION),
    generated_at: z.iso.datetime({ offset: true }),
    language: z.enum(['en', 'it']),
    seller: z.object({ name: z.string() }).strict(),
    period: ReportPeriod,
    summary: ReportSummary,
    goals: z.array(ReportGoal).nullable(),
    scorecard: ReportScorecard.nullable(),
    volume: ReportVolume.nullable(),
    quality: ReportQuality.nullable(),
    loyalty: ReportLoyalty.nullable(),
    care: ReportCare.nullable(),
    techniques: ReportTechniques.nullable(),
    learning: ReportLearning.nullable(),
    journal: z.array(ReportJournalEntry).nullable(),
    comment: z.string().nullable(),
    privacy: ReportPrivacy,
    /**
     * What `rapport report --format json` writes last: the SHA-256 of the document's canonical
     * JSON without this field (keys sorted, no spaces; reports/json.ts). The coach workspace
     * refuses a file whose digest does not match: it catches hand edits and damage in transit.
     * It is not a signature: someone who recomputes it can still forge a report.
     */
    integrity: z
      .object({ algorithm: z.literal('sha256'), digest: z.string().regex(/^[0-9a-f]{64}$/) })
      .strict()
      .optional(),
  })
  .strict();
export type ReportDocument = z.infer<typeof ReportDocument>;

/** A document as schema_version 1 wrote it (what the coach workspace still reads). */
export const ReportDocumentV1 = ReportDocument.extend({
  schema_version: z.literal(1),
  care: ReportCareV1.nullable(),
}).strict();
export type ReportDocumentV1 = z.infer<typeof ReportDocumentV1>;

// ---- the export log ---------------------------------------------------------------------------

export const ReportLogEntry = z.object({
  id: Id,
  createdAt: z.string(),
  from: z.string(),
  to: z.string(),
  format: ReportFormat,
  seller: z.string(),
  options: z.record(z.string(), z.unknown()),
  file: z.string(),
  bytes: z.int(),
  rows: z.record(z.string(), z.int()),
});
export type ReportLogEntry = z.infer<typeof ReportLogEntry>;

export const ReportSaveResult = z.object({
  path: z.string(),
  format: ReportFormat,
  bytes: z.int(),
  rows: z.record(z.string(), z.int()),
  logId: Id,
});
export type ReportSaveResult = z.infer<typeof ReportSaveResult>;

/**
 * report.build gives the document (the Reports screen previews it); report.save writes it in a
 * format and records the export in the log — like data.export, a query: it writes a file and
 * bookkeeping, none of the entities. report.log lists what has been exported (Settings).
 */
export const reportsOps = {
  'report.build': query(ReportOptions, ReportDocument),
  'report.save': query(ReportSaveRequest, ReportSaveResult),
  'report.log': query(z.object({ limit: z.int().min(1).max(500).default(50) }).optional(), z.array(ReportLogEntry)),
  /** The report exactly as it will print (html.ts, the one template) and its rows per section: the Reports screen's preview. */
  'report.preview': query(ReportPreviewRequest, ReportPreview),
} as const;

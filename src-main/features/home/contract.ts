import { z } from 'zod';
import { IsoDateSchema } from '../../shared/domain';
import { query } from '../../shared/operations';
import { HOME_COMPARISONS, HOME_PERIODS } from '../../shared/periods';

/** A custom range is at most this many days (ten years): a trend per month stays readable. */
export const HOME_MAX_DAYS = 3660;

export const HomeQuery = z
  .object({
    period: z.enum(HOME_PERIODS).default('month'),
    /** Custom range only (and required for it). */
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    compare: z.enum(HOME_COMPARISONS).default('previous'),
    /** The day looked from; today unless given. */
    asOf: IsoDateSchema.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.period !== 'custom') return;
    if (q.from === undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: 'errors.required' });
    if (q.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'errors.required' });
    if (q.from !== undefined && q.to !== undefined && q.from > q.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'errors.rangeOrder' });
  });

/**
 * The cards, each one figure of the metrics module: revenue and average deal (per currency,
 * minor units), deals won, win rate (0–1), new and repeat customers, repeat revenue share
 * (0–1, per currency), average satisfaction (1–5), NPS (−100–100), complaints open at the
 * period's end; follow-ups due today and goals on track are as of today (no comparison).
 */
export const HOME_CARDS = [
  'revenue',
  'deals_won',
  'win_rate',
  'avg_deal',
  'new_customers',
  'repeat_customers',
  'repeat_revenue_share',
  'avg_satisfaction',
  'nps',
  'complaints_open',
] as const;
export type HomeCardKey = (typeof HOME_CARDS)[number];

const Range = z.object({ from: z.string(), to: z.string() });

export const HomeCard = z.object({
  key: z.enum(HOME_CARDS),
  /** Money cards (revenue, avg_deal, repeat_revenue_share): the currency; null for the others. */
  currency: z.string().nullable(),
  /** null: nothing to measure (a rate without any decided sale, an average without answers). */
  value: z.number().nullable(),
  previous: z.number().nullable(),
  /** value − previous (null when either is null). */
  change: z.number().nullable(),
  /** The change relative to the previous value (null when that is null or 0). */
  relative: z.number().nullable(),
  /** The figure per day, week or month of the period (see HomeSummary.grain), oldest first. */
  trend: z.array(Range.extend({ value: z.number().nullable() })),
});
export type HomeCard = z.infer<typeof HomeCard>;

const Bucket = Range;
/** Open deals' stages (`none`: a deal without a stage). */
export const HOME_PIPELINE_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'none'] as const;
/** At most this many techniques in the technique chart. */
export const HOME_TOP_TECHNIQUES = 5;

/**
 * The charts beyond the cards' trends, every number from the metrics module (goals' pace from
 * the goals feature), per trend bucket (HomeSummary.grain) where over time.
 */
export const HomeCharts = z.object({
  /** Revenue goals with a period in the range: what their pace line asked for in each bucket (minor units). */
  revenuePace: z.array(
    z.object({
      goalId: z.int(),
      title: z.string(),
      currency: z.string(),
      /** One per bucket; null where no period of the goal covers the bucket. */
      values: z.array(z.number().nullable()),
    }),
  ),
  /** Revenue per bucket from first purchases and from repeat purchases, per currency (as `currencies`). */
  newRepeat: z.array(
    z.object({ currency: z.string(), trend: z.array(Bucket.extend({ first: z.int(), repeat: z.int() })) }),
  ),
  /** Open deals on `asOf` per stage: how many and their amount per currency (most first). */
  pipeline: z.array(
    z.object({
      stage: z.enum(HOME_PIPELINE_STAGES),
      count: z.int(),
      amounts: z.array(z.object({ currency: z.string(), amount: z.int() })),
    }),
  ),
  /** What works over the period: the best-ranked techniques with enough data, in the settings' currency. */
  techniques: z.object({
    rows: z.array(
      z.object({
        techniqueId: z.int(),
        technique: z.string(),
        used: z.int(),
        won: z.int(),
        winRate: z.number().nullable(),
        /** 95 % Wilson interval of the win rate. */
        interval: z.object({ low: z.number(), high: z.number() }).nullable(),
      }),
    ),
    /** Techniques used on decided sales of the period that do not have enough data yet. */
    waiting: z.int(),
    /** Decided deals a technique needs with it and without it before it is ranked. */
    minimum: z.object({ withIt: z.int(), without: z.int() }),
  }),
  /** Learning per bucket: minutes and pages of learning sessions, library items finished. */
  learning: z.array(Bucket.extend({ minutes: z.number(), pages: z.number(), finished: z.int() })),
});
export type HomeCharts = z.infer<typeof HomeCharts>;

export const HomeSummary = z.object({
  asOf: z.string(),
  period: z.enum(HOME_PERIODS),
  compare: z.enum(HOME_COMPARISONS),
  /** The period as measured: through today for the current week, month, quarter or year. */
  current: Range,
  /** The period compared with, of the same length. */
  previous: Range,
  /** How the trends are cut. */
  grain: z.enum(['day', 'week', 'month']),
  /** The settings' currency first, then others with sales in either period, most revenue first. */
  currencies: z.array(z.string()),
  cards: z.array(HomeCard),
  /** Today's follow-ups (overdue ones apart). */
  followUps: z.object({ today: z.int(), overdue: z.int() }),
  /** Active goals in their period, and how many are on track, ahead or achieved. */
  goals: z.object({ onTrack: z.int(), total: z.int(), behind: z.int() }),
  /** The book has any sale at all (false: the first-run state says where to start). */
  hasSales: z.boolean(),
  charts: HomeCharts,
});
export type HomeSummary = z.infer<typeof HomeSummary>;

export const homeOps = {
  'home.summary': query(HomeQuery, HomeSummary),
} as const;

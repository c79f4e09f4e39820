import { z } from 'zod';
import { Id, IsoDateSchema, optionalText, Page } from '../../shared/domain';
import { Sale } from '../sales/contract';
import { ActionItem, LibraryKind } from '../library/contract';
import { FilePath } from '../exchange/contract';
import { ById, command, Empty, query } from '../../shared/operations';

/**
 * The customer-care contract: interactions, check-ins after a won sale, stay-in-touch rules,
 * reorder rhythm, complaints, the follow-ups list, at-risk customers, care metrics and the
 * customer timeline. Business dates are `YYYY-MM-DD`; event times ISO timestamps. Validation
 * messages are message keys, as in domain.ts.
 *
 * Rules the screens can rely on (and should say in their strings):
 * - Check-ins are scheduled when a sale is won: one per cadence day after its close date
 *   (default days 3, 30 and 90). Cadence precedence: the customer's segment override, else the
 *   product override, else the default. A check-in whose date is more than
 *   CHECK_IN_BACKFILL_DAYS before the day the sale was recorded is not created (recording
 *   last year's sales must not produce a wall of overdue check-ins).
 * - A newer won sale to the same customer supersedes the older sales' pending check-ins that
 *   fall within SUPERSEDE_DAYS of one of its own (any status): they are removed, as the
 *   newer sale's check-ins are the conversation to have. Done and skipped ones stay.
 * - On the follow-ups list a reorder or stay-in-touch reminder due within MERGE_DAYS of a
 *   pending check-in of the same customer is folded into that check-in (its `also`): one call.
 * - Deleting a sale, or reopening it (won → open or lost), removes its pending check-ins;
 *   changing its close date, product or customer reschedules them. Done and skipped
 *   check-ins are history and stay.
 * - Last contact = the latest interaction, completed check-in or won sale (closing a deal is
 *   a conversation); with none, the day the customer was added.
 * - Stay in touch: fine until the ideal interval has passed, then due soon, then overdue once
 *   the maximum has passed. Rule precedence: customer > tag (the strictest when several tags
 *   match) > segment > default.
 * - Reorder rhythm: once a customer has won sales on REORDER_MIN_PURCHASES different days, the
 *   median interval between those days; a reorder is expected at last purchase + median and late after it, until
 *   REORDER_LAPSED_FACTOR × median has passed (then the customer has lapsed and stay-in-touch
 *   rules take over). No reorder is suggested while the customer has an open sale.
 * - Complaints remind COMPLAINT_AGEING_DAYS after they were opened (or on the snoozed date).
 * - Buckets relative to `asOf`: overdue (before), today, week (the next 7 days after today),
 *   later.
 * - Action items from the learning library (a seminar note's `- [ ]` lines) are follow-ups of
 *   the seller's own, with no customer: each open one with a due date, on that date. Undated
 *   ones are not on the list (nothing says when); a done one leaves it. They are not asked
 *   about a customer (a customer's list has none) and never make a customer at risk.
 */

export { MERGE_DAYS, REORDER_LAPSED_FACTOR, REORDER_MIN_PURCHASES } from '../../shared/followUpDays';
export const CHECK_IN_BACKFILL_DAYS = 14;
export const SUPERSEDE_DAYS = 14;
export const DEFAULT_CADENCE_DAYS: readonly number[] = [3, 30, 90];
export const COMPLAINT_AGEING_DAYS = 7;
export const WEEK_DAYS = 7;
/** Longest range the metrics compute a per-day series for (ten years). */
export const MAX_METRICS_DAYS = 3660;

const FAR_DAYS = 3650;
const enumOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: 'errors.invalid' });
const requiredText = (max: number) =>
  z.string().trim().min(1, { error: 'errors.required' }).max(max, { error: 'errors.tooLong' });
const Csat = z.int().min(1, { error: 'errors.satisfaction' }).max(5, { error: 'errors.satisfaction' });
const Nps = z.int().min(0, { error: 'errors.nps' }).max(10, { error: 'errors.nps' });
const CustomerId = z.int({ error: 'errors.customerRequired' }).positive({ error: 'errors.customerRequired' });

// ---- interactions -----------------------------------------------------------------------

export const INTERACTION_KINDS = ['call', 'email', 'meeting', 'visit', 'message', 'note'] as const;
export const InteractionKind = enumOf(INTERACTION_KINDS);
export type InteractionKind = z.infer<typeof InteractionKind>;

export const InteractionInput = z.object({
  customerId: CustomerId,
  kind: InteractionKind,
  occurredOn: IsoDateSchema,
  summary: requiredText(2000),
  /** Optional: the sale the conversation was about (must be the same customer's). */
  saleId: Id.nullable().default(null),
});
export type InteractionInput = z.input<typeof InteractionInput>;

export const Interaction = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  kind: InteractionKind,
  occurredOn: z.string(),
  summary: z.string(),
  saleId: Id.nullable(),
  saleTitle: z.string().nullable(),
  createdAt: z.string(),
});
export type Interaction = z.infer<typeof Interaction>;

export const InteractionQuery = z.object({
  customerId: Id.optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  limit: z.int().min(1).max(500).default(50),
  offset: z.int().min(0).default(0),
});

// ---- check-ins --------------------------------------------------------------------------

export const CHECK_IN_STATUSES = ['pending', 'done', 'skipped'] as const;
export const CheckInStatus = enumOf(CHECK_IN_STATUSES);
export type CheckInStatus = z.infer<typeof CheckInStatus>;

export const CheckIn = z.object({
  id: Id,
  /** Null once the sale was deleted: a done check-in is history and outlives it. */
  saleId: Id.nullable(),
  saleTitle: z.string().nullable(),
  customerId: Id,
  customerName: z.string(),
  /** The cadence step: days after the close date. */
  stepDays: z.int(),
  /** Close date + stepDays, as the cadence planned it. */
  scheduledOn: z.string(),
  /** When it is due now (differs from scheduledOn after a snooze or reschedule). */
  dueOn: z.string(),
  status: CheckInStatus,
  completedOn: z.string().nullable(),
  outcome: z.string().nullable(),
  csat: z.int().nullable(),
  nps: z.int().nullable(),
  concern: z.string().nullable(),
  /** The complaint a raised concern opened. */
  complaintId: Id.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CheckIn = z.infer<typeof CheckIn>;

export const CheckInQuery = z.object({
  saleId: Id.optional(),
  customerId: Id.optional(),
  status: CheckInStatus.optional(),
});

// ---- complaints -------------------------------------------------------------------------

export const COMPLAINT_SOURCES = ['check_in', 'call', 'email', 'review', 'other'] as const;
export const COMPLAINT_CATEGORIES = ['product', 'delivery', 'billing', 'service', 'other'] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const COMPLAINT_STATUSES = ['open', 'in_progress', 'resolved', 'closed_unresolved'] as const;
/** Statuses in which a complaint still needs work. */
export const ACTIVE_COMPLAINT_STATUSES = ['open', 'in_progress'] as const;
export const ComplaintSource = enumOf(COMPLAINT_SOURCES);
export const ComplaintCategory = enumOf(COMPLAINT_CATEGORIES);
export const Severity = enumOf(SEVERITIES);
export const ComplaintStatus = enumOf(COMPLAINT_STATUSES);
export type ComplaintSource = z.infer<typeof ComplaintSource>;
export type ComplaintCategory = z.infer<typeof ComplaintCategory>;
export type Severity = z.infer<typeof Severity>;
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;

export const ComplaintInput = z.object({
  customerId: CustomerId,
  saleId: Id.nullable().default(null),
  openedOn: IsoDateSchema,
  source: ComplaintSource,
  category: ComplaintCategory,
  severity: Severity.default('medium'),
  description: requiredText(5000),
});
export type ComplaintInput = z.input<typeof ComplaintInput>;

/**
 * A change to a complaint. Moving it to resolved or closed_unresolved records resolvedOn
 * (today unless given); moving it back to open or in_progress clears it.
 */
export const ComplaintPatch = z.object({
  status: ComplaintStatus.optional(),
  category: ComplaintCategory.optional(),
  severity: Severity.optional(),
  description: requiredText(5000).optional(),
  resolution: optionalText(5000).optional(),
  resolvedOn: IsoDateSchema.optional(),
  saleId: Id.nullable().optional(),
});

export const Complaint = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  saleId: Id.nullable(),
  saleTitle: z.string().nullable(),
  /** Set when a concern raised at a check-in opened it. */
  checkInId: Id.nullable(),
  openedOn: z.string(),
  source: ComplaintSource,
  category: ComplaintCategory,
  severity: Severity,
  description: z.string(),
  status: ComplaintStatus,
  resolution: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  /** resolvedOn − openedOn, once resolved or closed. */
  daysToResolve: z.int().nullable(),
  /** When the follow-up list next reminds of it (open ones only). */
  remindOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Complaint = z.infer<typeof Complaint>;

export const ComplaintQuery = z.object({
  /** 'active' = open or in progress; 'closed' = resolved or closed unresolved. */
  status: z.enum(['active', 'closed', 'all']).default('all'),
  customerId: Id.optional(),
  limit: z.int().min(1).max(500).default(100),
  offset: z.int().min(0).default(0),
});

// ---- cadence and contact rules ----------------------------------------------------------

/** Days after the close date; empty means "no check-ins" for that scope. */
export const CadenceDays = z
  .array(
    z
      .int({ error: 'errors.cadenceDays' })
      .min(0, { error: 'errors.cadenceDays' })
      .max(FAR_DAYS, { error: 'errors.cadenceDays' }),
  )
  .max(12, { error: 'errors.cadenceDays' })
  .refine((days) => new Set(days).size === days.length, { error: 'errors.cadenceDays' })
  .transform((days) => [...days].sort((a, b) => a - b));

export const CadenceInput = z
  .object({
    defaultDays: CadenceDays,
    products: z
      .array(z.object({ productId: Id, days: CadenceDays }))
      .max(500)
      .default([]),
    segments: z
      .array(z.object({ segment: requiredText(80), days: CadenceDays }))
      .max(500)
      .default([]),
  })
  .superRefine((cadence, ctx) => {
    const seen = new Set<string>();
    cadence.products.forEach((p, i) => {
      if (seen.has(`p${p.productId}`))
        ctx.addIssue({ code: 'custom', path: ['products', i, 'productId'], message: 'errors.duplicateRule' });
      seen.add(`p${p.productId}`);
    });
    cadence.segments.forEach((s, i) => {
      if (seen.has(`s${s.segment}`))
        ctx.addIssue({ code: 'custom', path: ['segments', i, 'segment'], message: 'errors.duplicateRule' });
      seen.add(`s${s.segment}`);
    });
  });
export type CadenceInput = z.input<typeof CadenceInput>;

export const Cadence = z.object({
  defaultDays: z.array(z.int()),
  products: z.array(z.object({ productId: Id, productName: z.string(), days: z.array(z.int()) })),
  segments: z.array(z.object({ segment: z.string(), days: z.array(z.int()) })),
});
export type Cadence = z.infer<typeof Cadence>;

export const CONTACT_SCOPES = ['default', 'segment', 'tag', 'customer'] as const;
export const ContactScope = enumOf(CONTACT_SCOPES);
export type ContactScope = z.infer<typeof ContactScope>;

const Interval = z
  .int({ error: 'errors.invalid' })
  .min(1, { error: 'errors.invalid' })
  .max(FAR_DAYS, { error: 'errors.invalid' });

/**
 * An ideal and a maximum number of days between contacts. `value` names the segment or the
 * tag; `customerId` the customer; the default rule has neither.
 */
export const ContactRuleInput = z
  .object({
    scope: ContactScope,
    value: z.string().trim().min(1).max(80).nullable().default(null),
    customerId: Id.nullable().default(null),
    idealDays: Interval,
    maxDays: Interval,
  })
  .superRefine((rule, ctx) => {
    if (rule.maxDays < rule.idealDays)
      ctx.addIssue({ code: 'custom', path: ['maxDays'], message: 'errors.contactMaxBelowIdeal' });
    const wantsValue = rule.scope === 'segment' || rule.scope === 'tag';
    if (wantsValue !== (rule.value !== null))
      ctx.addIssue({ code: 'custom', path: ['value'], message: wantsValue ? 'errors.required' : 'errors.invalid' });
    if ((rule.scope === 'customer') !== (rule.customerId !== null))
      ctx.addIssue({
        code: 'custom',
        path: ['customerId'],
        message: rule.scope === 'customer' ? 'errors.customerRequired' : 'errors.invalid',
      });
  });
export type ContactRuleInput = z.input<typeof ContactRuleInput>;

export const ContactRulesInput = z
  .array(ContactRuleInput)
  .max(1000)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      const key = `${r.scope}\0${r.value ?? ''}\0${r.customerId ?? ''}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'scope'], message: 'errors.duplicateRule' });
      seen.add(key);
    });
  });

export const ContactRule = z.object({
  scope: ContactScope,
  value: z.string().nullable(),
  customerId: Id.nullable(),
  customerName: z.string().nullable(),
  idealDays: z.int(),
  maxDays: z.int(),
});
export type ContactRule = z.infer<typeof ContactRule>;

// ---- follow-ups -------------------------------------------------------------------------

export const FOLLOW_UP_KINDS = ['check_in', 'stay_in_touch', 'reorder', 'complaint', 'action'] as const;
export const FollowUpKind = enumOf(FOLLOW_UP_KINDS);
export type FollowUpKind = z.infer<typeof FollowUpKind>;

/**
 * One id namespace over every kind, so `rapport followups done c42` and the screens can name
 * any item: `c<check-in id>`, `s<customer id>` (stay in touch), `r<customer id>` (reorder),
 * `k<complaint id>` (k as in "komplaint": c was taken by check-ins), `a<library action item id>`.
 */
export const FOLLOW_UP_PREFIX = {
  check_in: 'c',
  stay_in_touch: 's',
  reorder: 'r',
  complaint: 'k',
  action: 'a',
} as const;
export const FollowUpId = z.string().regex(/^[csrka][1-9]\d{0,14}$/, { error: 'errors.followUpId' });

export const STAY_IN_TOUCH_STATES = ['fine', 'due_soon', 'overdue'] as const;
export const FOLLOW_UP_STATUSES = [
  'pending', // check-in
  ...STAY_IN_TOUCH_STATES, // stay in touch
  'expected', // reorder, not yet late
  'late', // reorder
  'open', // complaint, action item
  'in_progress', // complaint
] as const;
export const FollowUpStatus = z.enum(FOLLOW_UP_STATUSES);
export type FollowUpStatus = z.infer<typeof FollowUpStatus>;

const FollowUpBase = z.object({
  id: FollowUpId,
  customerId: Id,
  customerName: z.string(),
  saleId: Id.nullable(),
  saleTitle: z.string().nullable(),
  dueOn: z.string(),
  status: FollowUpStatus,
  /** asOf − dueOn: positive when overdue, 0 today, negative when still ahead. */
  daysOverdue: z.int(),
});

const StayInTouchItem = FollowUpBase.extend({
  kind: z.literal('stay_in_touch'),
  lastContactOn: z.string(),
  daysSinceContact: z.int(),
  idealDays: z.int(),
  maxDays: z.int(),
});
const ReorderItem = FollowUpBase.extend({
  kind: z.literal('reorder'),
  lastPurchaseOn: z.string(),
  daysSincePurchase: z.int(),
  /** Median days between won sales ("usually every ~47 days"). */
  usualDays: z.int(),
  purchases: z.int(),
});

export const FollowUp = z.discriminatedUnion('kind', [
  FollowUpBase.extend({
    kind: z.literal('check_in'),
    checkInId: Id,
    stepDays: z.int(),
    scheduledOn: z.string(),
    closedOn: z.string().nullable(),
    /** Reminders for the same customer due within MERGE_DAYS, folded into this call. */
    also: z.array(z.discriminatedUnion('kind', [StayInTouchItem, ReorderItem])),
  }),
  StayInTouchItem,
  ReorderItem,
  FollowUpBase.extend({
    kind: z.literal('complaint'),
    complaintId: Id,
    openedOn: z.string(),
    daysOpen: z.int(),
    severity: Severity,
    category: ComplaintCategory,
  }),
  /** An action item of a library item (a seminar's notes): the seller's own, with no customer. */
  FollowUpBase.extend({
    kind: z.literal('action'),
    customerId: z.null(),
    customerName: z.null(),
    actionId: Id,
    itemId: Id,
    itemTitle: z.string(),
    itemKind: LibraryKind,
    text: z.string(),
  }),
]);
export type FollowUp = z.infer<typeof FollowUp>;

export const FOLLOW_UP_BUCKETS = ['overdue', 'today', 'week', 'later'] as const;
export type FollowUpBucket = (typeof FOLLOW_UP_BUCKETS)[number];

export const FollowUpQuery = z.object({
  /** Today unless given; makes results reproducible. */
  asOf: IsoDateSchema.optional(),
  kinds: z.array(FollowUpKind).optional(),
  customerId: Id.optional(),
  /** Most items per bucket (counts are always complete). */
  limit: z.int().min(1).max(2000).default(200),
});

export const NoNextStep = z.object({
  customerId: Id,
  customerName: z.string(),
  lastContactOn: z.string(),
  daysSinceContact: z.int(),
});
export type NoNextStep = z.infer<typeof NoNextStep>;

export const FollowUpList = z.object({
  asOf: z.string(),
  overdue: z.array(FollowUp),
  today: z.array(FollowUp),
  week: z.array(FollowUp),
  later: z.array(FollowUp),
  counts: z.object({ overdue: z.int(), today: z.int(), week: z.int(), later: z.int() }),
  /**
   * Active customers with nothing ahead: no pending item of any kind and no open sale,
   * most recently in touch first (a next step still helps those most).
   */
  noNextStep: z.object({ items: z.array(NoNextStep), total: z.int() }),
});
export type FollowUpList = z.infer<typeof FollowUpList>;

/** A follow-up list with nothing in it yet, as of `asOf`. */
export const emptyFollowUpList = (asOf: string): FollowUpList => ({
  asOf,
  overdue: [],
  today: [],
  week: [],
  later: [],
  counts: { overdue: 0, today: 0, week: 0, later: 0 },
  noNextStep: { items: [], total: 0 },
});

/** For the sidebar badge: what needs doing by the end of today. */
export const FollowUpCount = z.object({ asOf: z.string(), overdue: z.int(), today: z.int(), due: z.int() });

/**
 * "Done" on any follow-up: a check-in is completed (with the ratings and concern), a stay-in-
 * touch or reorder item logs an interaction (which resets the clock), a complaint is resolved
 * with `outcome` as its resolution, an action item is ticked (it takes nothing else).
 */
export const FollowUpDone = z.object({
  id: FollowUpId,
  /** The day it was done; today unless given. */
  on: IsoDateSchema.optional(),
  outcome: optionalText(2000),
  csat: Csat.nullable().default(null),
  nps: Nps.nullable().default(null),
  /** A check-in only: opens a complaint prefilled from it. */
  concern: optionalText(5000),
  /** Stay in touch / reorder only: how the contact happened. */
  interactionKind: InteractionKind.default('call'),
});

export const CheckInCompletion = z.object({
  id: Id,
  completedOn: IsoDateSchema.optional(),
  outcome: optionalText(2000),
  csat: Csat.nullable().default(null),
  nps: Nps.nullable().default(null),
  /** Non-empty: opens a complaint from this check-in, in the same transaction. */
  concern: optionalText(5000),
  concernCategory: ComplaintCategory.default('other'),
  concernSeverity: Severity.default('medium'),
});

export const CheckInCompleted = z.object({ checkIn: CheckIn, complaint: Complaint.nullable() });

export const FollowUpDoneResult = z.object({
  id: FollowUpId,
  kind: FollowUpKind,
  checkIn: CheckIn.nullable(),
  complaint: Complaint.nullable(),
  interaction: Interaction.nullable(),
  /** The library action item ticked. */
  action: ActionItem.nullable(),
});

export const Snooze = z.object({
  id: FollowUpId,
  days: z.int().min(1, { error: 'errors.invalid' }).max(365, { error: 'errors.invalid' }),
  asOf: IsoDateSchema.optional(),
});
export const Reschedule = z.object({ id: FollowUpId, dueOn: IsoDateSchema });
/** After a snooze or reschedule: the item's id and its new due date. */
export const Rescheduled = z.object({ id: FollowUpId, dueOn: z.string() });

// ---- at risk ----------------------------------------------------------------------------

/**
 * One per kind of sign, however many times it shows: open complaints and overdue check-ins
 * carry `count`, and describe the oldest of them (a complaint's severity is the gravest).
 */
export const AtRiskReason = z.discriminatedUnion('code', [
  z.object({
    code: z.literal('open_complaint'),
    count: z.int(),
    complaintId: Id,
    openedOn: z.string(),
    daysOpen: z.int(),
    severity: Severity,
  }),
  /** The customer's latest NPS answer (check-in or won sale) is 6 or less. */
  z.object({ code: z.literal('low_nps'), nps: z.int(), on: z.string() }),
  /** The customer's latest satisfaction answer (check-in or won sale) is 2 or less. */
  z.object({ code: z.literal('low_csat'), csat: z.int(), on: z.string() }),
  z.object({
    code: z.literal('overdue_check_in'),
    count: z.int(),
    checkInId: Id,
    dueOn: z.string(),
    daysOverdue: z.int(),
  }),
  z.object({
    code: z.literal('late_reorder'),
    usualDays: z.int(),
    daysSincePurchase: z.int(),
    lastPurchaseOn: z.string(),
  }),
  z.object({
    code: z.literal('no_contact'),
    lastContactOn: z.string(),
    daysSinceContact: z.int(),
    maxDays: z.int(),
  }),
]);
export type AtRiskReason = z.infer<typeof AtRiskReason>;
export const NPS_AT_RISK = 6;
export const CSAT_AT_RISK = 2;

export const AtRisk = z.object({ customerId: Id, customerName: z.string(), reasons: z.array(AtRiskReason).min(1) });
export type AtRisk = z.infer<typeof AtRisk>;

/** The most customers one page of care.atRisk holds. */
export const AT_RISK_PAGE_MAX = 2000;

export const AtRiskQuery = z.object({
  asOf: IsoDateSchema.optional(),
  customerId: Id.optional(),
  limit: z.int().min(1).max(AT_RISK_PAGE_MAX).default(200),
});

// ---- metrics ----------------------------------------------------------------------------

export const CareMetricsQuery = z
  .object({
    from: IsoDateSchema,
    to: IsoDateSchema,
    customerId: Id.optional(),
    segment: z.string().max(80).optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'errors.rangeOrder' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) < MAX_METRICS_DAYS * 86_400_000, {
    path: ['from'],
    message: 'errors.rangeTooLong',
  });
export type CareMetricsQuery = z.output<typeof CareMetricsQuery>;

/**
 * One day of the care loop, as raw counts so any window can be summed (the goals engineer
 * rolls these up): rates and averages are derived from sums, never averaged.
 */
export const CareDay = z.object({
  date: z.string(),
  /** Check-ins due that day (any status; pending ones only once they are past due). */
  checkInsDue: z.int(),
  /** Of those, done on or before their due date. */
  checkInsDueDoneOnTime: z.int(),
  /** Check-ins completed that day, and how many of them on or before their due date. */
  checkInsDone: z.int(),
  checkInsDoneOnTime: z.int(),
  interactions: z.int(),
  csatResponses: z.int(),
  csatSum: z.int(),
  npsResponses: z.int(),
  npsPromoters: z.int(),
  npsDetractors: z.int(),
  complaintsOpened: z.int(),
  complaintsResolved: z.int(),
});
export type CareDay = z.infer<typeof CareDay>;

export const CareMetrics = z.object({
  from: z.string(),
  to: z.string(),
  checkIns: z.object({
    /** Due in the range and already decided: done, skipped, or pending past its due date. */
    due: z.int(),
    onTime: z.int(),
    late: z.int(),
    skipped: z.int(),
    missed: z.int(),
    /** onTime / due; null when nothing was due. */
    onTimeRate: z.number().nullable(),
  }),
  /** Every satisfaction (1–5) and NPS answer given in the range: on a sale when it closed and at completed check-ins. */
  csat: z.object({ responses: z.int(), average: z.number().nullable() }),
  nps: z.object({
    responses: z.int(),
    promoters: z.int(),
    detractors: z.int(),
    /** promoters % − detractors %, −100…100; null without answers. */
    score: z.number().nullable(),
  }),
  complaints: z.object({
    opened: z.int(),
    resolved: z.int(),
    closedUnresolved: z.int(),
    /** Over complaints resolved in the range. */
    medianDaysToResolve: z.number().nullable(),
  }),
  interactions: z.int(),
  purchases: z.object({
    /** Customers with a won sale in the range. */
    customersActive: z.int(),
    /** Of those, customers whose sale in the range was not their first. */
    repeatCustomers: z.int(),
    repeatPurchaseRate: z.number().nullable(),
  }),
  retention: z.object({
    /** Customers who bought in the period of the same length just before `from`. */
    previousCustomers: z.int(),
    /** Of those, customers who bought again in the range. */
    retained: z.int(),
    rate: z.number().nullable(),
  }),
  daily: z.array(CareDay),
});
export type CareMetrics = z.infer<typeof CareMetrics>;

// ---- timeline ---------------------------------------------------------------------------

export const TimelineEntry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sale'), date: z.string(), sale: Sale }),
  z.object({ type: z.literal('interaction'), date: z.string(), interaction: Interaction }),
  /** Dated by completion, or by due date while pending or skipped. */
  z.object({ type: z.literal('check_in'), date: z.string(), checkIn: CheckIn }),
  z.object({ type: z.literal('complaint'), date: z.string(), complaint: Complaint }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

// ---- calendar export and notifications --------------------------------------------------

export const IcsExportRequest = z.object({
  path: FilePath,
  overwrite: z.boolean().default(false),
  asOf: IsoDateSchema.optional(),
});
export const IcsExportResult = z.object({
  path: z.string(),
  /** Follow-ups written as events. */
  events: z.int(),
  /** Earlier exported follow-ups no longer pending, written as cancelled. */
  cancelled: z.int(),
  bytes: z.int(),
});

/** Pushed when follow-ups become due while the app runs (each item once per due date). */
export const CareDueEvent = z.object({ asOf: z.string(), items: z.array(FollowUp) });

export const InteractionPage = Page(Interaction);
export const ComplaintPage = Page(Complaint);
export const AtRiskPage = Page(AtRisk);

/**
 * Interactions, check-ins, complaints, follow-ups, at-risk customers, metrics, cadence and
 * contact rules, the customer timeline, calendar export. Every write is care's own records,
 * but for a follow-up that is a library action item (done, moved).
 */
export const careOps = {
  'care.interactions.list': query(InteractionQuery, InteractionPage),
  'care.interactions.create': command(InteractionInput, Interaction, { writes: ['care'] }),
  'care.interactions.delete': command(ById, z.object({ id: Id }), { writes: ['care'] }),
  'care.checkins.list': query(CheckInQuery, z.array(CheckIn)),
  'care.checkins.complete': command(CheckInCompletion, CheckInCompleted, { writes: ['care'] }),
  'care.checkins.skip': command(ById, CheckIn, { writes: ['care'] }),
  'care.followups.list': query(FollowUpQuery, FollowUpList),
  'care.followups.count': query(z.object({ asOf: FollowUpQuery.shape.asOf }).optional(), FollowUpCount),
  // An action item's done and due date are the library's.
  'care.followups.done': command(FollowUpDone, FollowUpDoneResult, { writes: ['care', 'library'] }),
  'care.followups.snooze': command(Snooze, Rescheduled, { writes: ['care', 'library'] }),
  'care.followups.reschedule': command(Reschedule, Rescheduled, { writes: ['care', 'library'] }),
  'care.complaints.list': query(ComplaintQuery, ComplaintPage),
  'care.complaints.create': command(ComplaintInput, Complaint, { writes: ['care'] }),
  'care.complaints.update': command(z.object({ id: Id, patch: ComplaintPatch }), Complaint, { writes: ['care'] }),
  'care.atRisk': query(AtRiskQuery, AtRiskPage),
  'care.metrics': query(CareMetricsQuery, CareMetrics),
  'care.cadence.get': query(Empty, Cadence),
  'care.cadence.set': command(CadenceInput, Cadence, { writes: ['care'] }),
  'care.contactRules.get': query(Empty, z.array(ContactRule)),
  'care.contactRules.set': command(z.object({ rules: ContactRulesInput }), z.array(ContactRule), { writes: ['care'] }),
  'care.timeline': query(z.object({ customerId: Id }), z.array(TimelineEntry)),
  // The path comes from dialog.saveFile with purpose 'export-ics', like data.export. Besides the
  // file it updates only the ledger of exported events, which no screen shows.
  'care.ics.export': query(IcsExportRequest, IcsExportResult),
} as const;

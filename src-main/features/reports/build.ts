import { addDays, addMonths, daysBetween, localIsoDate, splitRange } from '../../shared/dates';
import type { Language } from '../../shared/domain';
import { translator } from '../../shared/locales/translate';
import { AppError } from '../../kernel/errors';
import type { Stats } from '../metrics/contract';
import type { AtRisk, CareMetrics } from '../care/contract';
import type { GoalDetail, Scorecard } from '../goals/contract/api';
import type { TechniqueStatsReport } from '../techniques/contract';
import type { JournalEntry } from '../journal/contract';
import type { GoalJson } from '../goals';
import type { LearningTotals } from '../metrics';
import {
  REPORT_SCHEMA_VERSION,
  SUMMARY_NUMBERS,
  type ReportCompare,
  type ReportDocument,
  type ReportGoal,
  type ReportMonth,
  type ReportOptions,
  type ReportSection,
} from './contract';
import { exportSecret, pseudonyms, type KnownCustomer, type Pseudonyms } from './privacy';

/**
 * Where the report's figures come from: the existing operations, called as the command line
 * and the app call them (stats.summary is `rapport stats`, goals.get is `rapport goals show`),
 * so every number in a report is the one those give for the same period.
 */
export interface ReportSources {
  now(): Date;
  language(): Promise<Language>;
  stats(from: string, to: string): Promise<Stats>;
  /** The goals not archived (what `rapport goals list` shows), oldest first. */
  goalIds(): Promise<number[]>;
  goal(id: number, asOf: string): Promise<GoalDetail>;
  /** `rapport goals show --json`'s object for a goal. */
  goalJson(detail: GoalDetail): GoalJson;
  scorecard(from: string, to: string, asOf: string): Promise<Scorecard>;
  care(from: string, to: string): Promise<CareMetrics>;
  /** The first REPORT_AT_RISK_LISTED customers at risk (care's order), and how many there are. */
  atRisk(asOf: string): Promise<{ items: AtRisk[]; total: number }>;
  techniques(from: string, to: string): Promise<TechniqueStatsReport>;
  learning(from: string, to: string): Promise<LearningTotals>;
  journal(id: number): Promise<JournalEntry | null>;
  /** Every customer's id and name, for pseudonyms (names in free text are replaced too). */
  customers(): Promise<KnownCustomer[]>;
  /** The seller's name on the latest report, when none is given. */
  lastSeller(): Promise<string | null>;
}

/** The period compared with [from, to]: the one just before it, or the same days a year earlier. */
export function comparedPeriod(from: string, to: string, kind: ReportCompare): { from: string; to: string } {
  if (kind === 'previous') {
    const length = daysBetween(from, to) + 1;
    return { from: addDays(from, -length), to: addDays(from, -1) };
  }
  // A year earlier by months: 29 February becomes the 28th.
  return { from: addMonths(from, -12), to: addMonths(to, -12) };
}

/** The calendar months the period touches, each clipped to it. */
export const monthsOf = (from: string, to: string): { month: string; from: string; to: string }[] =>
  splitRange(from, to, 'month').map((m) => ({ month: m.from.slice(0, 7), ...m }));

/** summary − compared, per figure; null where either is null. Float noise is rounded off. */
export function deltaOf(now: Stats, before: Stats): Record<string, number | null> {
  return Object.fromEntries(
    SUMMARY_NUMBERS.map((k) => {
      const a = now[k];
      const b = before[k];
      return [k, a === null || b === null ? null : Math.round((a - b) * 1e6) / 1e6];
    }),
  );
}

const overlaps = (a: { from: string; to: string }, from: string, to: string): boolean => a.from <= to && a.to >= from;

/** The report document for `options`, ready to validate and write (privacy applied). */
export async function buildReport(sources: ReportSources, options: ReportOptions): Promise<ReportDocument> {
  const { from, to } = options;
  const now = sources.now();
  const today = localIsoDate(now);
  const asOf = to < today ? to : today;
  const chosen = new Set<ReportSection>(options.sections);
  const has = (s: ReportSection): boolean => chosen.has(s);
  const language = await sources.language();
  const t = translator(language);

  // The journal entries first: a bad id is the seller's input, refused before any work.
  const entries: JournalEntry[] = [];
  if (has('journal')) {
    for (const id of options.journalIds) {
      const entry = await sources.journal(id);
      if (entry === null)
        throw new AppError('invalid_input', 'reports.failures.journalMissing', [
          { path: 'journalIds', message: 'reports.failures.journalMissing', values: { id } },
        ]);
      entries.push(entry);
    }
  }

  const summary = await sources.stats(from, to);
  let compare: ReportDocument['period']['compare'] = null;
  if (options.compare !== null) {
    const other = comparedPeriod(from, to, options.compare);
    const before = await sources.stats(other.from, other.to);
    compare = { kind: options.compare, ...other, summary: before, delta: deltaOf(summary, before) };
  }

  const needMonths = has('volume');
  const months: ReportMonth[] = [];
  if (needMonths) {
    for (const m of monthsOf(from, to)) {
      const s = await sources.stats(m.from, m.to);
      months.push({
        ...m,
        revenue_cents: s.revenue_cents,
        deals_won: s.deals_won,
        deals_lost: s.deals_lost,
        avg_deal_cents: s.avg_deal_cents,
        win_rate: s.win_rate,
        avg_satisfaction: s.avg_satisfaction,
        nps: s.nps,
        customers_active: s.customers_active,
        new_customers: s.new_customers,
        repeat_customers: s.repeat_customers,
      });
    }
  }

  let goals: ReportGoal[] | null = null;
  if (has('goals')) {
    goals = [];
    for (const id of await sources.goalIds()) {
      // The goal as `rapport goals show ID --as-of` gives it; kept when its period meets the report's.
      const detail = await sources.goal(id, asOf);
      if (!overlaps(detail.period, from, to)) continue;
      goals.push({
        ...sources.goalJson(detail),
        period: detail.period,
        unit: detail.goal.unit,
        currency: detail.goal.currency,
        as_of: detail.asOf,
        pace_chart: {
          actual: detail.chart.actual.map((p) => ({ date: p.date, value: p.value })),
          pace: detail.chart.pace.map((p) => ({ date: p.date, value: p.value })),
        },
      });
    }
  }

  let scorecard: ReportDocument['scorecard'] = null;
  if (has('scorecard')) {
    const card = await sources.scorecard(from, to, asOf);
    scorecard = {
      every: card.every,
      weights: card.weights,
      periods: card.periods.map((p) => ({
        from: p.from,
        to: p.to,
        score: p.score,
        volume: p.sides.volume,
        quality: p.sides.quality,
        loyalty: p.sides.loyalty,
        achieved: p.achieved,
        missed: p.missed,
        open: p.open,
      })),
    };
  }

  const needCare = has('care') || has('quality') || has('loyalty');
  const care = needCare ? await sources.care(from, to) : null;
  const { items: atRisk, total: atRiskTotal } = has('care') ? await sources.atRisk(asOf) : { items: [], total: 0 };

  // Pseudonyms for the customers the report names, and for any whose name the free text holds,
  // numbered by this export's secret alone.
  let names: Pseudonyms | null = null;
  if (options.anonymize) {
    const texts = [
      options.comment,
      ...(goals ?? []).flatMap((g) => [g.title, ...g.milestones.map((m) => m.title)]),
      ...entries.flatMap((e) =>
        options.journalText ? [e.title, e.situation, e.action, e.learned, e.nextTime, e.body] : [e.title],
      ),
    ];
    const haystack = texts
      .filter((x): x is string => x !== null)
      .join('\n')
      .toLocaleLowerCase();
    const named = new Set<number>([
      ...atRisk.map((r) => r.customerId),
      ...entries.flatMap((e) => (e.customer ? [e.customer.id] : [])),
    ]);
    const mentioned = (await sources.customers()).filter(
      (c) => named.has(c.id) || (c.name.trim() !== '' && haystack.includes(c.name.trim().toLocaleLowerCase())),
    );
    names = pseudonyms(mentioned, exportSecret(), t('reports.privacy.customerWord'));
  }
  const customer = (id: number, name: string) =>
    names === null ? { id, label: name } : { id: null, label: names.label(id) };
  const text = (s: string): string => (names === null ? s : names.scrub(s));
  const journalText = (s: string | null): string | null => (options.journalText && s !== null ? text(s) : null);

  const techniques = has('techniques') ? await sources.techniques(from, to) : null;
  const learning = has('learning') ? await sources.learning(from, to) : null;
  const seller = options.seller ?? (await sources.lastSeller()) ?? '';

  return {
    schema_version: REPORT_SCHEMA_VERSION,
    generated_at: now.toISOString(),
    language,
    seller: { name: seller },
    period: { from, to, compare },
    summary,
    goals:
      goals &&
      goals.map((g) => ({
        ...g,
        title: text(g.title),
        milestones: g.milestones.map((m) => ({ ...m, title: text(m.title) })),
      })),
    scorecard,
    volume: has('volume')
      ? {
          currency: summary.currency,
          revenue_cents: summary.revenue_cents,
          deals_won: summary.deals_won,
          deals_lost: summary.deals_lost,
          deals_open: summary.deals_open,
          avg_deal_cents: summary.avg_deal_cents,
          months,
        }
      : null,
    quality:
      has('quality') && care
        ? {
            win_rate: summary.win_rate,
            avg_satisfaction: summary.avg_satisfaction,
            satisfaction_responses: care.csat.responses,
            nps: summary.nps,
            nps_responses: care.nps.responses,
            nps_promoters: care.nps.promoters,
            nps_detractors: care.nps.detractors,
          }
        : null,
    loyalty:
      has('loyalty') && care
        ? {
            customers_active: summary.customers_active,
            new_customers: summary.new_customers,
            repeat_customers: summary.repeat_customers,
            repeat_purchase_rate: care.purchases.repeatPurchaseRate,
            retention: {
              previous_customers: care.retention.previousCustomers,
              retained: care.retention.retained,
              rate: care.retention.rate,
            },
          }
        : null,
    care:
      has('care') && care
        ? {
            check_ins: {
              due: care.checkIns.due,
              on_time: care.checkIns.onTime,
              late: care.checkIns.late,
              skipped: care.checkIns.skipped,
              missed: care.checkIns.missed,
              on_time_rate: care.checkIns.onTimeRate,
            },
            complaints: {
              opened: care.complaints.opened,
              resolved: care.complaints.resolved,
              closed_unresolved: care.complaints.closedUnresolved,
              median_days_to_resolve: care.complaints.medianDaysToResolve,
            },
            interactions: care.interactions,
            at_risk: atRisk.map((r) => ({
              customer: customer(r.customerId, r.customerName),
              reasons: r.reasons.map((reason) => reason.code),
            })),
            at_risk_total: atRiskTotal,
          }
        : null,
    techniques: techniques && {
      closed: techniques.closed,
      rows: techniques.rows.map((r) => ({
        technique: r.technique,
        category: r.category,
        used: r.used,
        won: r.won,
        lost: r.lost,
        win_rate: r.winRate,
        interval_low: r.interval?.low ?? null,
        interval_high: r.interval?.high ?? null,
        baseline_win_rate: r.baselineWinRate,
        difference: r.difference,
        prob_better: r.probBetter,
        enough_data: r.enoughData,
      })),
    },
    learning,
    journal: has('journal')
      ? entries.map((e) => ({
          id: e.id,
          date: e.date,
          title: text(e.title),
          outcome: e.outcome,
          techniques: e.techniques.map((x) => x.name),
          customer: e.customer && customer(e.customer.id, e.customer.name),
          situation: journalText(e.situation),
          action: journalText(e.action),
          learned: journalText(e.learned),
          next_time: journalText(e.nextTime),
          body: e.body.trim() === '' ? null : journalText(e.body),
        }))
      : null,
    comment: options.comment === '' ? null : text(options.comment),
    privacy: {
      pseudonymized: options.anonymize,
      contacts_dropped: true,
      notes_dropped: true,
      journal_text: options.journalText,
    },
  };
}

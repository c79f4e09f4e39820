import type { Kysely } from 'kysely';
import { readMetrics, type MetricReader } from '../metrics';
import { minorDigits } from '../../shared/money';
import { GoalInput, type GoalData } from './contract/api';
import type { DB } from '../../db/schema';
import { insertValues } from './repository';
import { RandomSource } from '../../shared/statistics/random';
import type { SampleContext, SampleText } from '../../kernel/sampleContext';
import { addMonths, dayNumber, isoFromDayNumber, periodContaining, weekdayOf } from './calendar';
import { createGoal, updateGoal } from './service';

/**
 * The figures the sample's goals are set against, read as every goal and screen reads them
 * (features/metrics): from the kept summaries, not from every sale of the book.
 */
const figures = (db: Kysely<DB>, from: string, to: string, currency: string | null): MetricReader =>
  readMetrics(db, { from, to, filter: { currency }, asOf: to });

/**
 * Revenue in `currency` from `from` (the 1st of a month) through `to`, and the deals won in
 * each of its months that had any.
 */
async function monthly(
  db: Kysely<DB>,
  from: string,
  to: string,
  currency: string,
): Promise<{ deals: number[]; revenue: number }> {
  const read = figures(db, from, to, currency);
  const deals: number[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) {
    const won = await read.totalBetween('deals_won', month, isoFromDayNumber(dayNumber(addMonths(month, 1)) - 1));
    if (won) deals.push(won);
  }
  return { deals, revenue: (await read.total('revenue')) ?? 0 };
}

/** New customers (their first purchase) and repeat customers in a range, each once. */
async function customerCounts(db: Kysely<DB>, from: string, to: string): Promise<{ fresh: number; repeat: number }> {
  const read = figures(db, from, to, null);
  return { fresh: (await read.total('new_customers')) ?? 0, repeat: (await read.total('repeat_customers')) ?? 0 };
}

/** The goals' words, in each language the sample speaks. */
const WORDS = {
  quarterly: { en: 'Quarterly revenue', it: 'Fatturato del trimestre' },
  callBest: { en: 'Call the ten best customers', it: 'Chiamare i dieci clienti migliori' },
  third: { en: 'A third of the way', it: 'Un terzo del percorso' },
  twoThirds: { en: 'Two thirds', it: 'Due terzi' },
  deals: { en: 'Deals won each month', it: 'Trattative vinte ogni mese' },
  happy: { en: 'Happy customers', it: 'Clienti soddisfatti' },
  comeBack: { en: 'Customers who come back', it: 'Clienti che ritornano' },
  coldCalls: { en: 'Cold calls', it: 'Telefonate a freddo' },
  coldCallsUnit: { en: 'cold calls', it: 'telefonate a freddo' },
  newCustomers: { en: 'New customers this year', it: 'Nuovi clienti quest’anno' },
  eased: {
    en: 'Two big prospects moved to next year',
    it: 'Due grossi potenziali clienti rimandano all’anno prossimo',
  },
  learning: { en: 'Learning time each week', it: 'Tempo per la formazione ogni settimana' },
} satisfies Record<string, SampleText>;

/**
 * Goals for the sample data, set against what the generated sales did so they look like a
 * seller's own: a quarterly revenue goal with milestones, a monthly deals goal with months
 * behind it, a satisfaction goal, a repeat-customer goal, a custom "cold calls" goal with a
 * month of logged calls, and a yearly new-customer goal eased midway. Deterministic by seed
 * and end date, like the rest of the sample (its few draws come from a stream of its own).
 */
export async function generateSampleGoals(db: Kysely<DB>, ctx: SampleContext): Promise<void> {
  const { now, currency } = ctx;
  const say = (key: keyof typeof WORDS): string => ctx.say(WORDS[key]);
  const random = new RandomSource(ctx.seed + 7);
  const end = ctx.endDate;
  const quarter = periodContaining(end, 'quarterly');
  const month = periodContaining(end, 'monthly');
  const year = periodContaining(end, 'yearly');
  // Round money to a whole hundred of the currency, as a seller would set a target.
  const hundred = 100 * 10 ** minorDigits(currency);
  const roundMoney = (minor: number): number => Math.max(hundred, Math.round(minor / hundred) * hundred);
  // Recorded no later than the real clock (the sample may end in the future), at noon.
  const at = (day: string): Date => {
    const d = new Date(`${day}T12:00:00.000Z`);
    return d < now ? d : now;
  };
  const create = async (input: GoalInput, on: string): Promise<number> =>
    (await createGoal(db, GoalInput.parse(input), currency, at(on))).id;

  // A quarter a tenth better than the one before it, with thirds as milestones.
  const before = await monthly(
    db,
    addMonths(quarter.from, -3),
    isoFromDayNumber(dayNumber(quarter.from) - 1),
    currency,
  );
  const target = roundMoney(before.revenue * 1.1);
  const monthEnd = (k: number): string => isoFromDayNumber(dayNumber(addMonths(quarter.from, k)) - 1);
  const kickOff = isoFromDayNumber(dayNumber(quarter.from) + 9);
  await create(
    {
      title: say('quarterly'),
      metric: 'revenue',
      target,
      period: { kind: 'fixed', from: quarter.from, to: quarter.to },
      milestones: [
        { kind: 'step', title: say('callBest'), date: kickOff, doneOn: kickOff <= end ? kickOff : null },
        { kind: 'target', title: say('third'), date: monthEnd(1), target: roundMoney(target / 3) },
        { kind: 'target', title: say('twoThirds'), date: monthEnd(2), target: roundMoney((2 * target) / 3) },
      ],
    },
    quarter.from,
  );

  // Deals a month at the recent median: some months made it, some did not.
  const since = addMonths(month.from, -6);
  const recent = (await monthly(db, since, isoFromDayNumber(dayNumber(month.from) - 1), currency)).deals.sort(
    (a, b) => a - b,
  );
  await create(
    {
      title: say('deals'),
      metric: 'deals_won',
      target: Math.max(1, recent[recent.length >> 1] ?? 10),
      period: { kind: 'recurring', every: 'monthly', since },
    },
    since,
  );

  await create(
    {
      title: say('happy'),
      metric: 'avg_satisfaction',
      target: 4.3,
      period: { kind: 'fixed', from: quarter.from, to: quarter.to },
    },
    quarter.from,
  );

  // Targets a tenth above the seller's own numbers, as a coach would set them.
  const lastQuarter = await customerCounts(
    db,
    addMonths(quarter.from, -3),
    isoFromDayNumber(dayNumber(quarter.from) - 1),
  );
  // The sample's first year is all first purchases, so new customers go by this year's pace.
  const thisYear = await customerCounts(db, year.from, end);
  const yearShare = (dayNumber(end) - dayNumber(year.from) + 1) / (dayNumber(year.to) - dayNumber(year.from) + 1);
  const loyaltySince = addMonths(quarter.from, -12);
  await create(
    {
      title: say('comeBack'),
      metric: 'repeat_customers',
      target: Math.max(1, Math.round(lastQuarter.repeat * 1.1)),
      weight: 2,
      period: { kind: 'recurring', every: 'quarterly', since: loyaltySince },
    },
    loyaltySince,
  );

  // Cold calls logged on each working day of the month so far.
  const calls = await create(
    {
      title: say('coldCalls'),
      metric: 'custom',
      customName: say('coldCallsUnit'),
      target: 200,
      period: { kind: 'fixed', from: month.from, to: month.to },
    },
    month.from,
  );
  const logged = [];
  for (let day = dayNumber(month.from); day <= dayNumber(end); day++) {
    const weekday = weekdayOf(day);
    if (weekday === 0 || weekday === 6) continue;
    const date = isoFromDayNumber(day);
    logged.push({
      goal_id: calls,
      on_date: date,
      value: random.int(4, 12),
      note: null,
      created_at: at(date).toISOString(),
    });
  }
  await insertValues(db, logged);

  // New customers this year, eased a month before the end when two prospects slipped away.
  const yearly: GoalData = GoalInput.parse({
    title: say('newCustomers'),
    metric: 'new_customers',
    target: Math.max(3, Math.round((thisYear.fresh / yearShare) * 1.1)),
    period: { kind: 'fixed', from: year.from, to: year.to },
  });
  const eased = (await createGoal(db, yearly, currency, at(year.from))).id;
  const easedOn = [addMonths(end, -1), year.from].sort()[1]!;
  const easedTarget = Math.max(1, yearly.target - 2);
  await updateGoal(db, eased, { ...yearly, target: easedTarget }, say('eased'), at(easedOn));
}

/**
 * The sample's learning goal, made once the sample library exists (it reads the library's
 * sessions): minutes of learning a week, set the week the seller took on the course still in
 * progress that they started last, with the target their own full weeks since then averaged
 * (down to the half hour), paced on all seven days. So some weeks made it and
 * some fell a little short, and the current week is on pace or close to it. Draws nothing
 * from the random stream.
 */
export async function generateSampleLearningGoal(db: Kysely<DB>, ctx: SampleContext): Promise<void> {
  const started = await db
    .selectFrom('library_items')
    .select((eb) => eb.fn.max('started_on').as('on'))
    .where('status', '=', 'in_progress')
    .executeTakeFirst();
  if (!started?.on) return;
  const first = periodContaining(started.on, 'weekly');
  const current = periodContaining(ctx.endDate, 'weekly');
  if (first.from >= current.from) return;
  const sessions = await db
    .selectFrom('learning_sessions')
    .select(['on_date', 'minutes'])
    .where('on_date', '>=', first.from)
    .where('on_date', '<', current.from)
    .execute();
  const byWeek = Array<number>((dayNumber(current.from) - dayNumber(first.from)) / 7).fill(0);
  for (const s of sessions) byWeek[Math.floor((dayNumber(s.on_date) - dayNumber(first.from)) / 7)]! += s.minutes;
  const mean = byWeek.reduce((a, b) => a + b, 0) / byWeek.length;
  const target = Math.max(30, Math.floor(mean / 30) * 30);
  const at = new Date(`${first.from}T12:00:00.000Z`);
  await createGoal(
    db,
    GoalInput.parse({
      title: ctx.say(WORDS.learning),
      metric: 'learning_minutes',
      target,
      period: { kind: 'recurring', every: 'weekly', since: first.from },
      // Learning has no office hours (the sample's longest sessions are at weekends): paced on every day.
      calendar: { weekdays: [0, 1, 2, 3, 4, 5, 6], breaks: [] },
    }),
    ctx.currency,
    at < ctx.now ? at : ctx.now,
  );
}

import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src-main/db/schema';
import { TechniqueStatsQuery, type TechniqueStats } from '../../src-main/features/techniques/contract';
import { readMetrics } from '../../src-main/features/metrics/definitions';
import { rankedTechniques, rankTechniques } from '../../src-main/features/metrics/techniques';
import { addDays } from '../../src-main/shared/dates';
import { wilsonInterval } from '../../src-main/shared/statistics';
import { translator } from '../../src-main/shared/locales/translate';
import { whatWorksSentence } from '../../src-main/shared/whatWorksWords';
import { storeForEachTest } from '../helpers/store';

const t = storeForEachTest();
const AT = '2026-01-01T00:00:00.000Z';

/**
 * A small book where every figure is counted by hand. The period is Q1 2026.
 *
 * Customers: Ann (Retail, Food), Bob (Retail, Tech), Cat (Wholesale, Food), Dan (no segment,
 * no industry). Products: Audit, Training. Techniques: SPIN questions, Tailored demo, Free
 * trial, Fax blast (retired, used once), Cold script (retired, never used).
 *
 * Closed in the period (25; 15 won):
 * - SPIN s1–s12: s1–s9 won, s10–s12 lost; s1 also names Tailored demo (the one multi-technique
 *   sale). Days opened→closed 10, 20, …, 60 (s1–s6), 5, 15, 25, 35, 45, 55 (s7–s12): median
 *   32.5. Won amounts s1–s8 EUR 100.00 × k, s9 USD (left out of the average): 450.00.
 * - Tailored demo: s1 and d2 (Cat, won EUR 3,000.00, 12 days). d3 open, opened in February.
 * - Fax blast f1 (Bob, lost). Free trial t1 (Dan, won). No technique: n1–n4 won (Cat), n5 lost
 *   (Cat), n6–n10 lost (Ann).
 * Outside: a SPIN sale won on 2025-12-31 (its check-in in January counts), one lost on
 * 2026-04-01 (opened in March: it counts in usage), a SPIN open deal opened in 2025.
 */
async function book(db: Kysely<DB>) {
  const customer = async (name: string, segment: string | null, industry: string | null) =>
    (
      await db
        .insertInto('customers')
        .values({ name, name_key: name.toLowerCase(), segment, industry, tags: '[]', created_at: AT, updated_at: AT })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const ann = await customer('Ann', 'Retail', 'Food');
  const bob = await customer('Bob', 'Retail', 'Tech');
  const cat = await customer('Cat', 'Wholesale', 'Food');
  const dan = await customer('Dan', null, null);
  const product = async (name: string) =>
    (
      await db
        .insertInto('products')
        .values({ name, currency: 'EUR', created_at: AT })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const audit = await product('Audit');
  const training = await product('Training');
  const technique = async (name: string, retired = false) =>
    (
      await db
        .insertInto('techniques')
        .values({ name, description: null, created_at: AT, retired_at: retired ? AT : null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const spin = await technique('SPIN questions');
  const demo = await technique('Tailored demo');
  const trial = await technique('Free trial');
  const fax = await technique('Fax blast', true);
  await technique('Cold script', true);

  interface Deal {
    customer: number;
    status: 'won' | 'lost' | 'open';
    /** The closing day, or for an open deal the day it opened. */
    on: string;
    days?: number;
    amount?: number;
    currency?: string;
    product?: number | null;
    techniques?: number[];
    satisfaction?: number;
    nps?: number;
  }
  const sale = async (d: Deal) => {
    const opened = d.status === 'open' ? d.on : addDays(d.on, -(d.days ?? 0));
    const id = (
      await db
        .insertInto('sales')
        .values({
          title: 'Deal',
          customer_id: d.customer,
          product_id: d.product ?? null,
          amount_minor: d.amount ?? 1000,
          currency: d.currency ?? 'EUR',
          status: d.status,
          opened_on: opened,
          closed_on: d.status === 'open' ? null : d.on,
          satisfaction: d.satisfaction ?? null,
          nps: d.nps ?? null,
          created_at: AT,
          updated_at: AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (const technique of d.techniques ?? [])
      await db.insertInto('sale_techniques').values({ sale_id: id, technique_id: technique }).execute();
    return id;
  };
  const checkIn = async (saleId: number, customerId: number, completedOn: string, csat: number, nps: number) =>
    db
      .insertInto('check_ins')
      .values({
        sale_id: saleId,
        customer_id: customerId,
        step_days: 7,
        scheduled_on: completedOn,
        due_on: completedOn,
        status: 'done',
        completed_on: completedOn,
        csat,
        nps,
        created_at: AT,
        updated_at: AT,
      })
      .execute();

  const S = [spin];
  const s1 = await sale({ customer: ann, status: 'won', on: '2026-01-20', days: 10, amount: 10_000, product: audit, techniques: [spin, demo], satisfaction: 5, nps: 10 }); // prettier-ignore
  await sale({ customer: ann, status: 'won', on: '2026-01-31', days: 20, amount: 20_000, product: audit, techniques: S, satisfaction: 4, nps: 9 }); // prettier-ignore
  const s3 = await sale({ customer: ann, status: 'won', on: '2026-02-10', days: 30, amount: 30_000, product: audit, techniques: S }); // prettier-ignore
  const s4 = await sale({ customer: ann, status: 'won', on: '2026-02-20', days: 40, amount: 40_000, product: audit, techniques: S }); // prettier-ignore
  await sale({
    customer: ann,
    status: 'won',
    on: '2026-03-01',
    days: 50,
    amount: 50_000,
    product: audit,
    techniques: S,
  });
  await sale({
    customer: ann,
    status: 'won',
    on: '2026-03-15',
    days: 60,
    amount: 60_000,
    product: audit,
    techniques: S,
  });
  await sale({ customer: bob, status: 'won', on: '2026-02-05', days: 5, amount: 70_000, product: training, techniques: S }); // prettier-ignore
  await sale({ customer: bob, status: 'won', on: '2026-02-25', days: 15, amount: 80_000, product: training, techniques: S }); // prettier-ignore
  await sale({ customer: bob, status: 'won', on: '2026-03-10', days: 25, amount: 500_000, currency: 'USD', product: training, techniques: S }); // prettier-ignore
  await sale({ customer: cat, status: 'lost', on: '2026-03-20', days: 35, product: training, techniques: S, satisfaction: 2, nps: 3 }); // prettier-ignore
  await sale({ customer: ann, status: 'lost', on: '2026-03-25', days: 45, product: training, techniques: S });
  await sale({ customer: bob, status: 'lost', on: '2026-03-30', days: 55, product: training, techniques: S });
  await sale({ customer: cat, status: 'won', on: '2026-02-15', days: 12, amount: 300_000, product: audit, techniques: [demo] }); // prettier-ignore
  await sale({ customer: cat, status: 'open', on: '2026-02-01', techniques: [demo] });
  await sale({ customer: cat, status: 'open', on: '2025-12-01', techniques: [demo] });
  await sale({ customer: bob, status: 'lost', on: '2026-03-05', days: 4, product: training, techniques: [fax] });
  await sale({ customer: dan, status: 'won', on: '2026-01-25', days: 7, amount: 5_000, techniques: [trial] });
  for (let k = 1; k <= 10; k++)
    await sale({ customer: k <= 5 ? cat : ann, status: k <= 4 ? 'won' : 'lost', on: `2026-02-${String(k).padStart(2, '0')}`, days: 10 }); // prettier-ignore
  const december = await sale({ customer: ann, status: 'won', on: '2025-12-31', days: 3, techniques: S });
  await sale({ customer: ann, status: 'lost', on: '2026-04-01', days: 20, techniques: S });
  await sale({ customer: ann, status: 'open', on: '2026-03-03', techniques: S });
  await sale({ customer: ann, status: 'open', on: '2025-11-01', techniques: S });

  // Answers at check-ins: in the period (they count, even for a sale closed before it),
  // after it (they do not), and about a sale without SPIN (not SPIN's).
  await checkIn(s3, ann, '2026-02-20', 3, 7);
  await checkIn(december, ann, '2026-01-15', 4, 8);
  await checkIn(s4, ann, '2026-04-10', 1, 0);
  await checkIn(s1, ann, '2026-02-01', 5, 10);
  return { spin, demo, trial, fax, audit, training, s1 };
}

const Q1 = { from: '2026-01-01', to: '2026-03-31' };
const stats = (q: Record<string, unknown> = {}) =>
  t.handlers['techniques.stats'](TechniqueStatsQuery.parse({ ...Q1, ...q }));
const row = (rows: TechniqueStats[], name: string) => rows.find((r) => r.technique === name)!;

describe('what works (technique effectiveness)', () => {
  it('counts every figure as defined, with the baseline as the closed deals without it', async () => {
    const ids = await book(t.store.db);
    const report = await stats();
    expect(report).toMatchObject({
      from: '2026-01-01',
      to: '2026-03-31',
      currency: 'EUR',
      minimum: { withIt: 10, without: 10 },
      prior: { alpha: 1, beta: 1 },
      closed: 25,
      multiTechnique: 1,
    });
    // Ranked first the only one with enough data, then the rest by name; Cold script (retired,
    // never used) is left out, Fax blast (retired, used) stays in.
    expect(report.rows.map((r) => r.technique)).toEqual(['SPIN questions', 'Fax blast', 'Free trial', 'Tailored demo']);

    const spin = row(report.rows, 'SPIN questions');
    expect(spin).toMatchObject({
      techniqueId: ids.spin,
      category: 'other',
      retired: false,
      used: 12,
      won: 9,
      lost: 3,
      open: 1, // opened in March; the one opened in 2025 is not the period's
      winRate: 0.75,
      baselineUsed: 13, // 25 − 12
      baselineWon: 6, // 15 − 9
      avgWonMinor: 45_000, // EUR s1–s8: 360,000 / 8; s9 in USD left out
      medianDaysToClose: 32.5,
      enoughData: true,
      closedNeeded: 0,
    });
    expect(spin.interval!.low).toBeCloseTo(0.467694665, 8);
    expect(spin.interval!.high).toBeCloseTo(0.911058332, 8);
    expect(spin.baselineWinRate).toBeCloseTo(6 / 13, 12);
    expect(spin.difference).toBeCloseTo(0.75 - 6 / 13, 12);
    expect(spin.probBetter).toBeCloseTo(0.921122927, 6);
    // Answers: s1 5/10, s2 4/9, s10 2/3 at the sale; check-ins s3 3/7 and the December sale's
    // 4/8 in the period (s4's in April is not): satisfaction 18/5; NPS (2 promoters − 1) / 5.
    // s1's check-in (5/10) also counts: 23 / 6 and (3 − 1) / 6.
    expect(spin.avgSatisfaction).toBeCloseTo(23 / 6, 12);
    expect(spin.nps).toBeCloseTo((100 * 2) / 6, 12);

    const demo = row(report.rows, 'Tailored demo');
    expect(demo).toMatchObject({
      used: 2, // s1 (shared with SPIN: it counts for both) and d2
      won: 2,
      lost: 0,
      open: 1,
      winRate: 1,
      baselineUsed: 23,
      baselineWon: 13,
      avgWonMinor: 155_000, // (10,000 + 300,000) / 2
      medianDaysToClose: 11, // 10 and 12
      enoughData: false,
      closedNeeded: 8,
    });
    // 2 of 2 against 13 of 23: 1 − E[p³] for p ~ Beta(14, 11) = 1 − 14·15·16 / (25·26·27).
    expect(demo.probBetter).toBeCloseTo(1 - (14 * 15 * 16) / (25 * 26 * 27), 10);
    expect(demo.avgSatisfaction).toBeCloseTo(5, 12); // s1's answers: 5 at the sale, 5 at the check-in
    expect(demo.nps).toBe(100);

    expect(row(report.rows, 'Fax blast')).toMatchObject({
      retired: true,
      used: 1,
      won: 0,
      winRate: 0,
      closedNeeded: 9,
    });
    expect(row(report.rows, 'Free trial')).toMatchObject({
      used: 1,
      won: 1,
      avgWonMinor: 5_000,
      avgSatisfaction: null,
      nps: null,
      medianDaysToClose: 7,
      closedNeeded: 9,
    });
  });

  it('agrees with the period metrics narrowed to the technique (one definition)', async () => {
    const ids = await book(t.store.db);
    const report = await stats();
    for (const id of [ids.spin, ids.demo, ids.trial, ids.fax]) {
      const read = readMetrics(t.store.db, { ...Q1, filter: { techniqueIds: [id], currency: 'EUR' }, asOf: Q1.to });
      const r = report.rows.find((x) => x.techniqueId === id)!;
      expect(r.won).toBe(await read.total('deals_won'));
      expect(r.lost).toBe(await read.total('deals_lost'));
      expect(r.open).toBe(await read.total('deals_open'));
      expect(r.winRate).toBe(await read.total('win_rate'));
      expect(r.avgSatisfaction).toBe(await read.total('avg_satisfaction'));
      expect(r.nps).toBe(await read.total('nps'));
      const avgDeal = await read.total('avg_deal');
      expect(r.avgWonMinor).toBe(avgDeal === null ? null : Math.round(avgDeal));
    }
  });

  it('narrows by segment, product and industry', async () => {
    const ids = await book(t.store.db);
    const retail = await stats({ segment: 'Retail' });
    // Ann and Bob: SPIN s1–s9, s11, s12 (9 won); f1; n6–n10 (lost). 17 closed, 9 won.
    expect(retail.closed).toBe(17);
    expect(row(retail.rows, 'SPIN questions')).toMatchObject({ used: 11, won: 9, baselineUsed: 6, baselineWon: 0 });
    expect(row(retail.rows, 'SPIN questions').probBetter).toBeCloseTo(0.999285544, 6);
    expect(row(retail.rows, 'Tailored demo')).toMatchObject({ used: 1, won: 1, open: 0 });

    const training = await stats({ productId: ids.training });
    // s7–s12 (3 won) and f1: 7 closed.
    expect(training.closed).toBe(7);
    expect(row(training.rows, 'SPIN questions')).toMatchObject({ used: 6, won: 3, baselineUsed: 1, baselineWon: 0 });
    expect(row(training.rows, 'Fax blast')).toMatchObject({ used: 1, won: 0 });

    const food = await stats({ industry: 'Food' });
    // Ann and Cat: SPIN s1–s6, s10, s11 (6 won); d2; n1–n10 (4 won). 19 closed, 11 won.
    expect(food.closed).toBe(19);
    expect(row(food.rows, 'SPIN questions')).toMatchObject({ used: 8, won: 6, baselineUsed: 11, baselineWon: 5 });
    expect(row(food.rows, 'Tailored demo')).toMatchObject({ used: 2, won: 2, open: 1 });
    expect(food.rows.some((r) => r.technique === 'Fax blast')).toBe(false); // Bob's only, and retired
  });

  it('ranks by what the uncertainty allows, never by a raw rate', async () => {
    // Wilson lower bounds: 19/20 → 0.764, 90/100 → 0.826, 5/10 → 0.237, 2/2 → 0.342.
    const r = (technique: string, won: number, used: number, enoughData = true) => ({
      technique,
      enoughData,
      interval: wilsonInterval(won, used),
      probBetter: 0.5,
    });
    const ranked = rankTechniques([
      r('Two of two', 2, 2, false),
      r('Often', 19, 20),
      r('Steady', 90, 100),
      r('Coin', 5, 10),
    ]);
    expect(ranked.map((x) => x.technique)).toEqual(['Steady', 'Often', 'Coin', 'Two of two']);

    // In the book: Tailored demo won 2 of 2 (100%) and still comes after SPIN's 9 of 12.
    await book(t.store.db);
    const rows = (await stats()).rows;
    expect(rows.findIndex((x) => x.technique === 'Tailored demo')).toBeGreaterThan(
      rows.findIndex((x) => x.technique === 'SPIN questions'),
    );
  });

  it('ranks alone (Home’s best techniques) as the whole report ranks, with the same figures', async () => {
    await book(t.store.db);
    for (const q of [Q1, { from: '2026-02-01', to: '2026-02-10' }, { from: '2025-12-31', to: '2026-04-01' }]) {
      const report = await stats(q);
      const ranked = await rankedTechniques(t.store.db, q, 'EUR');
      // The report also lists the techniques without decided sales (open deals, answers, the
      // catalogue's): never ranked, since they have no data.
      const decided = report.rows.filter((r) => r.used > 0);
      expect(ranked.length).toBeGreaterThan(0);
      expect(ranked).toEqual(
        decided.map((r) => {
          const { category: _c, retired: _r, open: _o, avgWonMinor: _a, avgSatisfaction: _s, nps: _n, ...kept } = r;
          return (({ medianDaysToClose: _m, ...rest }) => rest)(kept);
        }),
      );
    }
  });

  it('says nothing is measured where nothing was closed', async () => {
    await t.store.db.insertInto('techniques').values({ name: 'Fresh', description: null, created_at: AT }).execute();
    const report = await stats();
    expect(report).toMatchObject({ closed: 0, multiTechnique: 0 });
    expect(report.rows).toEqual([
      expect.objectContaining({
        technique: 'Fresh',
        used: 0,
        winRate: null,
        interval: null,
        baselineWinRate: null,
        difference: null,
        probBetter: null,
        avgWonMinor: null,
        avgSatisfaction: null,
        nps: null,
        medianDaysToClose: null,
        enoughData: false,
        closedNeeded: 20,
      }),
    ]);
  });

  it('tables segment × technique and use by month opened', async () => {
    const ids = await book(t.store.db);
    const segments = await t.handlers['techniques.segments'](TechniqueStatsQuery.parse(Q1));
    expect(segments.segments).toEqual(['Retail', 'Wholesale', '']);
    const cell = (segment: string, id: number) =>
      segments.cells.find((c) => c.segment === segment && c.techniqueId === id);
    expect(cell('Retail', ids.spin)).toMatchObject({ used: 11, won: 9 });
    expect(cell('Retail', ids.spin)!.winRate).toBeCloseTo(9 / 11, 12);
    expect(cell('Retail', ids.spin)!.interval!.low).toBeCloseTo(0.523019438, 8);
    expect(cell('Wholesale', ids.spin)).toMatchObject({ used: 1, won: 0, winRate: 0 });
    expect(cell('Wholesale', ids.demo)).toMatchObject({ used: 1, won: 1 });
    expect(cell('', ids.trial)).toMatchObject({
      used: 1,
      won: 1,
      interval: { low: expect.closeTo(0.2065, 4), high: 1 },
    });
    expect(cell('Wholesale', ids.fax)).toBeUndefined();
    expect(segments.cells).toHaveLength(6); // Retail: SPIN, demo, fax; Wholesale: SPIN, demo; none: trial

    const usage = await t.handlers['techniques.usage'](TechniqueStatsQuery.parse(Q1));
    expect(usage.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(usage.series).toEqual([
      { techniqueId: ids.fax, technique: 'Fax blast', counts: [0, 0, 1] },
      { techniqueId: ids.trial, technique: 'Free trial', counts: [1, 0, 0] },
      // s1–s7 opened in January, s8–s12 in February; the April loss and the open deal in March.
      { techniqueId: ids.spin, technique: 'SPIN questions', counts: [7, 5, 2] },
      { techniqueId: ids.demo, technique: 'Tailored demo', counts: [1, 2, 0] },
    ]);
    const retailUsage = await t.handlers['techniques.usage'](
      TechniqueStatsQuery.parse({ ...Q1, segment: 'Wholesale' }),
    );
    expect(retailUsage.series.map((s) => [s.technique, s.counts])).toEqual([
      ['SPIN questions', [0, 1, 0]],
      ['Tailored demo', [0, 2, 0]],
    ]);
  });

  it('words a row in plain sentences, in English and Italian', async () => {
    await book(t.store.db);
    const rows = (await stats()).rows;
    const en = translator('en');
    expect(whatWorksSentence(row(rows, 'SPIN questions'), en)).toBe(
      'SPIN questions: won 9 of 12 (75%, likely between 47% and 91%); without it 46%. About 92% likely to be better for you.',
    );
    expect(whatWorksSentence(row(rows, 'Tailored demo'), en)).toBe(
      'Tailored demo: won 2 of 2 so far; not enough data yet — 8 more closed deals.',
    );
    const it = translator('it');
    expect(whatWorksSentence(row(rows, 'SPIN questions'), it)).toBe(
      'SPIN questions: 9 vinte su 12 (75%, probabilmente tra 47% e 91%); senza questa tecnica 46%. Probabilità che per te funzioni meglio: circa 92%.',
    );
    expect(whatWorksSentence({ ...row(rows, 'Free trial'), used: 0, won: 0, closedNeeded: 1 }, it)).toBe(
      'Free trial: ancora nessuna trattativa chiusa; dati ancora insufficienti — manca 1 trattativa chiusa.',
    );
    expect(
      whatWorksSentence({ ...row(rows, 'SPIN questions'), probBetter: 0.2 }, en).endsWith(
        'About 80% likely to be worse for you.',
      ),
    ).toBe(true);
    // 99.6% would round to a certainty the data never gives.
    expect(whatWorksSentence({ ...row(rows, 'SPIN questions'), probBetter: 0.996 }, en)).toMatch(
      /Over 99% likely to be better for you\.$/,
    );
    expect(whatWorksSentence({ ...row(rows, 'SPIN questions'), probBetter: 0.004 }, it)).toMatch(
      /Probabilità che per te funzioni peggio: oltre il 99%\.$/,
    );
  });
});

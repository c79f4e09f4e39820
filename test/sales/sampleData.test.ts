import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIsoDate } from '../../src-main/shared/dates';
import { all, generateSample, one, SAMPLE_END, SAMPLE_START } from '../helpers/sample';
import { freshStore, FIXED_NOW, type TestStore } from '../helpers/store';

// The sales generator draws inside the whole sample (it needs the catalogue and the customers),
// so it is looked at through it; these tests only read, so they share one sample.
let t: TestStore;
beforeAll(async () => {
  t = await freshStore();
  await generateSample(t);
});
afterAll(() => t.cleanup());

describe('sample sales', () => {
  it('keeps every date valid and inside the 24 months ending on the end date', () => {
    const sales = all(t, 'SELECT * FROM sales') as {
      status: string;
      stage: string | null;
      opened_on: string;
      closed_on: string | null;
      lost_reason: string | null;
      created_at: string;
      updated_at: string;
    }[];
    for (const s of sales) {
      expect(isIsoDate(s.opened_on)).toBe(true);
      expect(s.opened_on >= SAMPLE_START && s.opened_on <= SAMPLE_END).toBe(true);
      if (s.status === 'open') {
        expect(s.closed_on).toBeNull();
        expect(s.stage).not.toBeNull();
        expect(s.opened_on >= '2026-03-01').toBe(true); // open deals are recent
      } else {
        expect(isIsoDate(s.closed_on!)).toBe(true);
        expect(s.closed_on! >= s.opened_on && s.closed_on! <= SAMPLE_END).toBe(true);
        expect(s.stage).toBeNull();
      }
      expect(s.lost_reason !== null).toBe(s.status === 'lost');
      expect(s.updated_at >= s.created_at).toBe(true);
      expect(s.updated_at <= FIXED_NOW.toISOString()).toBe(true);
    }
    const share = (status: string): number => sales.filter((s) => s.status === status).length / sales.length;
    expect(share('won')).toBeGreaterThan(0.52);
    expect(share('won')).toBeLessThan(0.68);
    expect(share('lost')).toBeGreaterThan(0.18);
    expect(share('lost')).toBeLessThan(0.32);
    expect(share('open')).toBeGreaterThan(0.1);
    expect(share('open')).toBeLessThan(0.2);
  });

  it('gives techniques clearly different win rates', () => {
    const rates = Object.fromEntries(
      all(
        t,
        `SELECT t.name, avg(s.status = 'won') AS rate FROM sales s
         JOIN sale_techniques st ON st.sale_id = s.id JOIN techniques t ON t.id = st.technique_id
         WHERE s.status <> 'open' GROUP BY t.name`,
      ).map((r): [string, number] => [r.name as string, r.rate as number]),
    );
    expect(Object.keys(rates)).toHaveLength(6);
    expect(rates['SPIN questions']! - rates['Discount close']!).toBeGreaterThan(0.15);
    expect(Math.max(...Object.values(rates)) - Math.min(...Object.values(rates))).toBeGreaterThan(0.15);
  });

  it('shows seasonality: an August dip against spring and autumn peaks', () => {
    const perMonth = Object.fromEntries(
      all(t, "SELECT substr(closed_on, 6, 2) AS m, count(*) AS n FROM sales WHERE status <> 'open' GROUP BY m").map(
        (r) => [r.m, r.n as number],
      ),
    );
    const peaks = (perMonth['04']! + perMonth['10']!) / 2;
    expect(perMonth['08']!).toBeLessThan(0.5 * peaks);
    expect(perMonth['12']!).toBeLessThan(peaks);
  });

  it('skews satisfaction high on won deals and correlates NPS with it', () => {
    const won = all(t, "SELECT satisfaction, nps FROM sales WHERE status = 'won'") as {
      satisfaction: number | null;
      nps: number | null;
    }[];
    const rated = won.filter((s) => s.satisfaction !== null);
    expect(rated.length / won.length).toBeGreaterThan(0.7);
    expect(rated.length).toBeLessThan(won.length); // some unrated
    expect(rated.reduce((sum, s) => sum + s.satisfaction!, 0) / rated.length).toBeGreaterThan(3.8);
    const avgNps = (pred: (s: number) => boolean): number => {
      const xs = rated.filter((s) => s.nps !== null && pred(s.satisfaction!)).map((s) => s.nps!);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(avgNps((s) => s === 5) - avgNps((s) => s <= 3)).toBeGreaterThan(2.5);
    expect(one(t, 'SELECT count(*) FROM sales WHERE nps IS NOT NULL AND nps NOT BETWEEN 0 AND 10')).toBe(0);
  });
});

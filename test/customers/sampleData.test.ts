import { afterEach, describe, expect, it } from 'vitest';
import { all, generateSample, one } from '../helpers/sample';
import { freshStore, type TestStore } from '../helpers/store';

let t: TestStore | undefined;
afterEach(() => t?.cleanup());

describe('sample customers', () => {
  it('has a heavy tail of repeat buyers, the most loyal tagged VIP', async () => {
    t = await freshStore();
    await generateSample(t);
    const perCustomer = (
      all(t, 'SELECT count(*) AS n FROM sales GROUP BY customer_id ORDER BY n DESC') as {
        n: number;
      }[]
    ).map((r) => r.n);
    const top10 = perCustomer.slice(0, perCustomer.length / 10).reduce((a, b) => a + b, 0);
    expect(perCustomer[0]).toBeGreaterThanOrEqual(15);
    expect(perCustomer.filter((n) => n === 1).length).toBeGreaterThan(50); // one-off buyers too
    expect(top10 / 2000).toBeGreaterThan(0.25); // the top 10% of customers bring > 25% of deals
    expect(
      one(
        t,
        "SELECT count(*) FROM (SELECT customer_id FROM sales WHERE status = 'won' GROUP BY customer_id HAVING count(*) >= 3)",
      ),
    ).toBeGreaterThan(50);
    const vip = all(
      t,
      `SELECT count(s.id) AS n FROM customers c JOIN sales s ON s.customer_id = c.id
       WHERE c.tags LIKE '%"VIP"%' GROUP BY c.id`,
    ).map((r) => r.n as number);
    expect(vip.length).toBeGreaterThan(0);
    expect(Math.min(...vip)).toBeGreaterThanOrEqual(8);
  });
});

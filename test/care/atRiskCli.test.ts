import { describe, expect, it } from 'vitest';
import { addDays, localIsoDate } from '../../src-main/shared/dates';
import { sandboxForAll } from '../cli/helpers';

// The CLI runs on the real clock: two sales closed five days ago leave each customer a check-in
// due two days ago, overdue, so both are at risk.
const closed = addDays(localIsoDate(new Date()), -5);
const box = sandboxForAll();
const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);

describe('rapport customers at-risk --limit', () => {
  it('lists at most --limit customers and says how many are at risk in all', () => {
    for (const customer of ['Ada', 'Bea']) {
      const added = rapport(
        'sales',
        'add',
        '--customer',
        customer,
        '--amount',
        '100',
        '--status',
        'won',
        '--date',
        closed,
      );
      expect(added.code, added.stderr).toBe(0);
    }
    const all = rapport('customers', 'at-risk', '--json');
    expect(all.code, all.stderr).toBe(0);
    expect((JSON.parse(all.stdout) as { customer_name: string }[]).map((c) => c.customer_name)).toEqual(['Ada', 'Bea']);

    const one = rapport('customers', 'at-risk', '--limit', '1', '--json');
    expect(one.code, one.stderr).toBe(0);
    expect((JSON.parse(one.stdout) as { customer_name: string }[]).map((c) => c.customer_name)).toEqual(['Ada']);
    const text = rapport('customers', 'at-risk', '--limit', '1');
    expect(text.stdout).toContain('1 of 2 customers at risk');
  });

  it.each(['0', '2001', 'ten'])('refuses --limit %s with exit 1, naming the option', (limit) => {
    const refused = rapport('customers', 'at-risk', '--limit', limit);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--limit');
    expect(refused.stdout).toBe('');
  });
});

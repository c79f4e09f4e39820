import { describe, expect, it } from 'vitest';
import { printJsonList, snakeCase, snakeKeys, toJson } from '../../src-main/kernel/cli/json';
import type { App } from '../../src-main/kernel/cli/context';
import { translator } from '../../src-main/shared/locales/translate';

describe('snakeCase', () => {
  it.each([
    ['customerName', 'customer_name'],
    ['lifetimeValueMinor', 'lifetime_value_minor'],
    ['sourceSha256', 'source_sha256'],
    ['revenue_cents', 'revenue_cents'],
    ['id', 'id'],
  ])('%s → %s', (key, expected) => expect(snakeCase(key)).toBe(expected));
});

describe('snakeKeys / toJson', () => {
  it('renames keys at every depth, keeps arrays, values and null as they are', () => {
    const sale = {
      amountMinor: 1250,
      currency: 'EUR',
      closedOn: null,
      techniques: [{ id: 1, name: 'SPIN questions' }],
    };
    expect(snakeKeys([sale])).toEqual([
      { amount_minor: 1250, currency: 'EUR', closed_on: null, techniques: [{ id: 1, name: 'SPIN questions' }] },
    ]);
    expect(JSON.parse(toJson({ checkIn: { saleId: 3 }, tags: ['vipClient'] }))).toEqual({
      check_in: { sale_id: 3 },
      tags: ['vipClient'],
    });
  });
});

describe('printJsonList', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    const app = {
      print: (t: string) => out.push(t),
      io: { stderr: (t: string) => err.push(t) },
      t: translator('en'),
    } as unknown as App;
    return { app, out, err };
  };

  it('prints the array alone, and says on stderr when the page was cut short', () => {
    const cut = capture();
    printJsonList(cut.app, { items: [{ customerId: 7 }], total: 3 }, 'cli.customers.total');
    expect(JSON.parse(cut.out.join(''))).toEqual([{ customer_id: 7 }]);
    expect(cut.err).toEqual(['rapport: 1 of 3 customers.\n']);

    const whole = capture();
    printJsonList(whole.app, { items: [], total: 0 }, 'cli.customers.total');
    expect(whole.out).toEqual(['[]']);
    expect(whole.err).toEqual([]);
  });
});

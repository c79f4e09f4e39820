import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { saleFastPath, type SaleFields } from '../../src-main/features/imports/saleFastPath';
import { SaleInput } from '../../src-main/features/sales/contract';

/** Mostly a good value, sometimes one of the edges: rows break one or two rules at a time. */
const mostly = <T>(good: fc.Arbitrary<T>, edges: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: edges, weight: 1 });
const text = (max: number): fc.Arbitrary<string> =>
  mostly(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('', ' ', '  x  ', 'x'.repeat(max), ` ${'x'.repeat(max)} `, 'x'.repeat(max + 1)),
  );
const int = (min: number, max: number): fc.Arbitrary<number | null> =>
  mostly(fc.oneof(fc.constant(null), fc.integer({ min, max })), fc.constantFrom(min - 1, max + 1, -0, 2.5, 2 ** 53));
const day = mostly(
  fc.constantFrom('2026-01-31', '2026-02-01', '2026-02-28'),
  fc.constantFrom('2026-02-30', '2026-1-5', '999-01-01', ''),
);

/** Rows as readSale assembles them: each rule of SaleInput is met, and broken, in turn. */
const fields: fc.Arbitrary<SaleFields> = fc.record({
  title: text(200),
  customerId: mostly(fc.constant(1), fc.constantFrom(0, 1.5)),
  amountMinor: mostly(fc.integer({ min: 0, max: 1e13 }), fc.constantFrom(-1, 1e13 + 1, 0.5, 2 ** 53)),
  currency: mostly(fc.constantFrom('EUR', 'JPY', 'USD'), fc.constantFrom('XYZ', 'eur', '')),
  status: mostly(fc.constantFrom('open', 'won', 'lost'), fc.constantFrom('vinta', '')),
  stage: mostly(fc.constantFrom(null, 'lead', 'negotiation'), fc.constantFrom('Lead', '')),
  openedOn: day,
  closedOn: mostly(fc.oneof(fc.constant(null), day), fc.constant('2025-12-31')),
  satisfaction: int(1, 5),
  nps: int(0, 10),
  lostReason: mostly(fc.oneof(fc.constant(null), fc.constant('')), text(500)),
  notes: fc.oneof(fc.constant(null), text(5000)),
});

describe('saleFastPath', () => {
  it('accepts only what SaleInput accepts, with the same data', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fields, (input) => {
        const fast = saleFastPath(input);
        if (fast === null) return;
        accepted++;
        const parsed = SaleInput.safeParse(input);
        expect(parsed.success).toBe(true);
        expect(fast).toEqual(parsed.data);
      }),
      { numRuns: 20_000 },
    );
    // Otherwise the property above would hold by never taking the fast path.
    expect(accepted).toBeGreaterThan(100);
  });

  it('takes the common rows, so that SaleInput runs only for the rest', () => {
    const won: SaleFields = {
      title: 'Plan 1 — Acme',
      customerId: 1,
      amountMinor: 123450,
      currency: 'EUR',
      status: 'won',
      stage: null,
      openedOn: '2026-03-01',
      closedOn: '2026-03-04',
      satisfaction: 5,
      nps: 9,
      lostReason: '',
      notes: '  Renewal  ',
    };
    const open: SaleFields = { ...won, status: 'open', stage: 'proposal', closedOn: null, notes: null };
    const lost: SaleFields = { ...won, status: 'lost', lostReason: 'price' };
    for (const input of [won, open, lost]) expect(saleFastPath(input)).toEqual(SaleInput.parse(input));
  });

  it('leaves every broken rule to SaleInput', () => {
    const won: SaleFields = {
      title: 'Deal',
      customerId: 1,
      amountMinor: 1,
      currency: 'EUR',
      status: 'won',
      stage: null,
      openedOn: '2026-03-01',
      closedOn: '2026-03-01',
      satisfaction: null,
      nps: null,
      lostReason: null,
      notes: null,
    };
    const broken: Partial<SaleFields>[] = [
      { title: '   ' },
      { title: 'x'.repeat(201) },
      { amountMinor: 1e13 + 1 },
      { currency: 'XYZ' },
      { status: 'vinta' },
      { stage: 'lead' },
      { closedOn: '2026-02-28' },
      { closedOn: null },
      { openedOn: '2026-02-30' },
      { satisfaction: 6 },
      { nps: -1 },
      { lostReason: 'price' },
      { notes: 'x'.repeat(5001) },
      { status: 'open', closedOn: null, stage: 'won' },
    ];
    for (const change of broken) {
      const input = { ...won, ...change };
      expect(saleFastPath(input), JSON.stringify(change)).toBeNull();
      expect(SaleInput.safeParse(input).success, JSON.stringify(change)).toBe(false);
    }
  });
});

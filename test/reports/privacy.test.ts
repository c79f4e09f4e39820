import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropContacts, exportSecret, keyedHash, pseudonyms } from '../../src-main/features/reports/privacy';

const CUSTOMERS = Array.from({ length: 30 }, (_, i) => ({
  id: i + 1,
  name: `Person ${String.fromCharCode(65 + i)}lpha`,
}));

describe('pseudonyms', () => {
  it('numbers the customers 1…N in the order of their keyed hashes, one label each', () => {
    const secret = exportSecret();
    const names = pseudonyms(CUSTOMERS, secret, 'Customer');
    const labels = CUSTOMERS.map((c) => names.label(c.id));
    expect(new Set(labels).size).toBe(CUSTOMERS.length);
    const byHash = [...CUSTOMERS].sort((a, b) => (keyedHash(secret, a.id) < keyedHash(secret, b.id) ? -1 : 1));
    expect(byHash.map((c) => names.label(c.id))).toEqual(CUSTOMERS.map((_, i) => `Customer ${i + 1}`));
  });

  it('gives a customer the same label everywhere in one export', () => {
    const names = pseudonyms(CUSTOMERS, exportSecret(), 'Cliente');
    const label = names.label(7);
    expect(names.label(7)).toBe(label);
    expect(names.scrub(`Met ${CUSTOMERS[6]!.name} twice; ${CUSTOMERS[6]!.name.toUpperCase()} said yes.`)).toBe(
      `Met ${label} twice; ${label} said yes.`,
    );
  });

  it('labels the same data differently in two exports, so they cannot be joined', () => {
    // 30 customers: two independent secrets give the same assignment with probability 1/30!.
    const first = pseudonyms(CUSTOMERS, exportSecret(), 'Customer');
    const second = pseudonyms(CUSTOMERS, exportSecret(), 'Customer');
    expect(CUSTOMERS.map((c) => first.label(c.id))).not.toEqual(CUSTOMERS.map((c) => second.label(c.id)));
  });

  it('is a bijection onto 1…N for any set of customers and any secret (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 1e6 }), { minLength: 1, maxLength: 40 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (ids, bytes) => {
          const names = pseudonyms(
            ids.map((id) => ({ id, name: `n${id}` })),
            Buffer.from(bytes),
            'Customer',
          );
          const numbers = ids.map((id) => Number(names.label(id).split(' ')[1])).sort((a, b) => a - b);
          expect(numbers).toEqual(ids.map((_, i) => i + 1));
        },
      ),
    );
  });

  it('replaces whole names only, longest first, and refuses an unknown customer', () => {
    const names = pseudonyms(
      [
        { id: 1, name: 'Anna Maria' },
        { id: 2, name: 'Anna Maria Rossi' },
        { id: 3, name: 'Ann' },
      ],
      exportSecret(),
      'Customer',
    );
    const text = names.scrub('Anna Maria Rossi, Anna  Maria and Ann met at the Annual fair.');
    expect(text).toBe(`${names.label(2)}, ${names.label(1)} and ${names.label(3)} met at the Annual fair.`);
    expect(() => names.label(99)).toThrow();
  });
});

describe('dropContacts', () => {
  it('blanks emails and phone numbers and keeps dates and small numbers', () => {
    expect(dropContacts('Write to maria.rossi+x@example.co.uk or call +39 333 123 4567 / (02) 1234-5678.')).toBe(
      'Write to … or call … / ….',
    );
    expect(dropContacts('Due 2026-01-05, 3 calls, 12 units, order 4521.')).toBe(
      'Due 2026-01-05, 3 calls, 12 units, order 4521.',
    );
  });
});

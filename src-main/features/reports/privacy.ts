import { createHmac, randomBytes } from 'node:crypto';

/**
 * What a report says about customers, before it leaves the machine (pure functions).
 *
 * Pseudonyms: each customer the report mentions becomes "Customer N" (it: "Cliente N"), N
 * numbered in the order of HMAC-SHA256(secret, customer id). The secret is 32 random bytes
 * made for one export and never written anywhere, so within one export a customer has one
 * label everywhere, while two exports of the same data number the customers differently and
 * cannot be joined on the labels (nor on ids, which a pseudonymised report leaves out).
 */

export interface Pseudonyms {
  /** The label of a customer; every id given to `pseudonyms` has one. */
  label(customerId: number): string;
  /** Text with every known customer's name replaced by their label, emails and phone numbers blanked. */
  scrub(text: string): string;
}

export interface KnownCustomer {
  id: number;
  name: string;
}

/** A fresh per-export secret (never stored). */
export const exportSecret = (): Buffer => randomBytes(32);

/** The keyed hash a customer's label is ordered by. */
export const keyedHash = (secret: Buffer, customerId: number): string =>
  createHmac('sha256', secret).update(String(customerId)).digest('hex');

/**
 * Labels for `customers` (every customer whose name may appear in the report, so names found in
 * free text are replaced too): numbered 1…N in the order of their keyed hashes.
 */
export function pseudonyms(customers: readonly KnownCustomer[], secret: Buffer, word: string): Pseudonyms {
  const unique = [...new Map(customers.map((c) => [c.id, c])).values()];
  const ordered = unique
    .map((c) => ({ ...c, hash: keyedHash(secret, c.id) }))
    .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  const labels = new Map(ordered.map((c, i) => [c.id, `${word} ${i + 1}`]));
  // Longest names first, so "Anna Maria Rossi" is replaced before "Anna Maria".
  const names = ordered
    .filter((c) => c.name.trim().length > 0)
    .sort((a, b) => b.name.length - a.name.length)
    .map((c) => ({ pattern: namePattern(c.name), label: labels.get(c.id)! }));
  return {
    label(customerId) {
      const label = labels.get(customerId);
      if (label === undefined) throw new Error(`customer ${customerId} has no pseudonym`);
      return label;
    },
    scrub(text) {
      let out = dropContacts(text);
      for (const { pattern, label } of names) out = out.replace(pattern, label);
      return out;
    },
  };
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name as a whole word (or words), any case, any run of spaces between its words. */
function namePattern(name: string): RegExp {
  const words = name.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'giu');
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** A phone number: an optional +, then at least 7 digits with spaces, dots, dashes or brackets between. */
const PHONE = /(?<![\p{L}\p{N}])\+?\(?\d[\d\s().-]{5,}\d(?![\p{L}\p{N}])/gu;

/** Text with email addresses and phone numbers replaced by "…". Dates (2026-01-05) are kept. */
export function dropContacts(text: string): string {
  return text.replace(EMAIL, '…').replace(PHONE, (match) => {
    const digits = match.replace(/\D/g, '');
    if (digits.length < 7) return match;
    if (/^\d{4}-\d{2}-\d{2}$/.test(match.trim())) return match;
    return '…';
  });
}

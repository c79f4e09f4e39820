import { z } from 'zod';
import { isIsoDate } from './dates';
import { isCurrencyCode } from './money';

/**
 * The schema primitives every feature's contract builds on (the entities themselves live in
 * features/<name>/contract.ts). Validation messages are message keys (see messages.ts) so the
 * renderer can show them in the user's language and the CLI in English.
 */
export const Id = z.int().positive();
export const IsoDateSchema = z.string().refine(isIsoDate, { error: 'errors.date' });
export const Currency = z.string().refine(isCurrencyCode, { error: 'errors.currency' });
export const AmountMinor = z
  .int({ error: 'errors.amount' })
  .min(0, { error: 'errors.amountNegative' })
  .max(1e13, { error: 'errors.amountTooLarge' });

/** Optional free text: trimmed, and blank becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'errors.tooLong' })
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional()
    .transform((s) => s ?? null);

export const LANGUAGES = ['en', 'it'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.int() });

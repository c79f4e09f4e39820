import { z } from 'zod';
import { isBusinessDay, isIsoDate } from './dates';
import { LANGUAGES } from './languages';
import { isCurrencyCode } from './money';

/**
 * The schema primitives every feature's contract builds on (the entities themselves live in
 * features/<name>/contract.ts). Validation messages are message keys (see messages.ts) so the
 * renderer can show them in the user's language and the CLI in English.
 */
export const Id = z.int().positive();
/** A business day: real, and inside BUSINESS_DAYS (9999-12-31 is a typo, not a plan). */
export const IsoDateSchema = z
  .string()
  .refine(isIsoDate, { error: 'errors.date', abort: true })
  .refine(isBusinessDay, { error: 'errors.dateRange' });
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

/**
 * A customer's name and email, wherever a customer is made: the customer form and the new
 * customer a sale brings along (they live here because the sales and customers contracts import
 * each other's shapes in one direction only).
 */
export const CustomerName = z
  .string()
  .trim()
  .min(1, { error: 'errors.required' })
  .max(200, { error: 'errors.tooLong' });
export const CustomerEmail = z
  .string()
  .trim()
  .transform((s) => (s === '' ? null : s.toLowerCase()))
  .pipe(z.email({ error: 'errors.email' }).max(254).nullable())
  .nullable()
  .optional()
  .transform((s) => s ?? null);

export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.int() });

/**
 * Why an automatic backup was made (db/backupFolder.ts). `damaged`: a database SQLite could not
 * copy, moved aside as it was by a restore.
 */
export const BACKUP_REASONS = ['before-migration', 'before-import', 'before-restore', 'daily', 'damaged'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

import { z } from 'zod';
import { Id, IsoDateSchema, optionalText, Page } from '../../shared/domain';
import { ById, command, Empty, query } from '../../shared/operations';
import { SaleStatus } from '../sales/contract';
import { TechniqueRef } from '../techniques/contract';
import { JOURNAL_OUTCOMES } from './choices';
export { JOURNAL_OUTCOMES } from './choices';

export const JournalOutcome = z.enum(JOURNAL_OUTCOMES);
export type JournalOutcome = z.infer<typeof JournalOutcome>;

/** The most a Markdown body may hold, in UTF-8 bytes. */
export const MAX_BODY_BYTES = 1_000_000;
const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

const longText = optionalText(5000);

export const JournalEntryInput = z.object({
  date: IsoDateSchema,
  title: z.string().trim().min(1, { error: 'errors.required' }).max(200, { error: 'errors.tooLong' }),
  situation: longText,
  customerId: Id.nullable().default(null),
  saleId: Id.nullable().default(null),
  techniqueIds: z.array(Id).max(20, { error: 'errors.tooMany' }).default([]),
  /** What I did. */
  action: longText,
  outcome: JournalOutcome.nullable().default(null),
  learned: longText,
  nextTime: longText,
  confidence: z.int().min(1).max(5).nullable().default(null),
  tags: z
    .array(z.string().trim().min(1, { error: 'errors.required' }).max(40, { error: 'errors.tooLong' }))
    .max(20, { error: 'errors.tooMany' })
    .default([]),
  /** Markdown, at most 1 MB. */
  body: z
    .string()
    .refine((s) => utf8Bytes(s) <= MAX_BODY_BYTES, { error: 'journal.errors.bodyTooLarge' })
    .default(''),
});
export type JournalEntryInput = z.input<typeof JournalEntryInput>;

export const JournalEntry = z.object({
  id: Id,
  date: z.string(),
  title: z.string(),
  situation: z.string().nullable(),
  customer: z.object({ id: Id, name: z.string() }).nullable(),
  /** The sale it is about, with its outcome as it stands now (it shows once the sale closes). */
  sale: z
    .object({
      id: Id,
      title: z.string(),
      status: SaleStatus,
      closedOn: z.string().nullable(),
      amountMinor: z.int(),
      currency: z.string(),
    })
    .nullable(),
  techniques: z.array(TechniqueRef),
  action: z.string().nullable(),
  outcome: JournalOutcome.nullable(),
  learned: z.string().nullable(),
  nextTime: z.string().nullable(),
  confidence: z.int().nullable(),
  tags: z.array(z.string()),
  body: z.string(),
  /** The experiment this entry concludes, if any. */
  experimentId: Id.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

export const JournalQuery = z
  .object({
    techniqueId: Id.optional(),
    customerId: Id.optional(),
    saleId: Id.optional(),
    outcome: JournalOutcome.optional(),
    tag: z.string().trim().min(1).max(40).optional(),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    limit: z.int().min(1).max(200).default(50),
    offset: z.int().min(0).default(0),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'errors.rangeOrder' });

export const journalOps = {
  /** Newest first (by date, then the latest written). */
  'journal.list': query(JournalQuery, Page(JournalEntry)),
  'journal.get': query(ById, JournalEntry),
  'journal.create': command(JournalEntryInput, JournalEntry, { writes: ['journal'] }),
  'journal.update': command(JournalEntryInput.extend({ id: Id }), JournalEntry, { writes: ['journal'] }),
  'journal.delete': command(ById, z.object({ id: Id }), { writes: ['journal'] }),
  /** Every tag in use, most used first. */
  'journal.tags': query(Empty, z.array(z.object({ tag: z.string(), count: z.int() }))),
} as const;

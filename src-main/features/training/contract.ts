import { z } from 'zod';
import { Id, optionalText } from '../../shared/domain';
import { ById, command, Empty, query } from '../../shared/operations';

/** What a training note is about: a product, or a segment or an industry of customers. */
export const TRAINING_SUBJECTS = ['product', 'segment', 'industry'] as const;
export const TrainingSubject = z.enum(TRAINING_SUBJECTS);
export type TrainingSubject = z.infer<typeof TrainingSubject>;

const text = optionalText(10_000);

export const Objection = z.object({
  objection: z.string().trim().min(1, { error: 'errors.required' }).max(1000, { error: 'errors.tooLong' }),
  answer: z.string().trim().max(5000, { error: 'errors.tooLong' }).default(''),
});

export const TrainingNoteInput = z
  .object({
    subject: TrainingSubject,
    /** The product, for a product note. */
    productId: Id.nullable().default(null),
    /** The segment's or industry's name as customers carry it, for those notes. */
    name: z
      .string()
      .trim()
      .min(1, { error: 'errors.required' })
      .max(120, { error: 'errors.tooLong' })
      .nullable()
      .default(null),
    features: text,
    benefits: text,
    pricing: text,
    who: text,
    caresAbout: text,
    whatWorks: text,
    objections: z.array(Objection).max(50, { error: 'errors.tooMany' }).default([]),
    body: z.string().max(200_000, { error: 'errors.tooLong' }).default(''),
  })
  .refine((n) => n.subject !== 'product' || n.productId !== null, { path: ['productId'], error: 'errors.required' })
  .refine((n) => n.subject === 'product' || n.name !== null, { path: ['name'], error: 'errors.required' });
export type TrainingNoteInput = z.input<typeof TrainingNoteInput>;

export const TrainingNote = z.object({
  id: Id,
  subject: TrainingSubject,
  product: z.object({ id: Id, name: z.string() }).nullable(),
  name: z.string().nullable(),
  features: z.string().nullable(),
  benefits: z.string().nullable(),
  pricing: z.string().nullable(),
  who: z.string().nullable(),
  caresAbout: z.string().nullable(),
  whatWorks: z.string().nullable(),
  objections: z.array(z.object({ objection: z.string(), answer: z.string() })),
  body: z.string(),
  updatedAt: z.string(),
});
export type TrainingNote = z.infer<typeof TrainingNote>;

export const trainingOps = {
  'training.list': query(z.object({ subject: TrainingSubject.optional() }).optional(), z.array(TrainingNote)),
  'training.get': query(ById, TrainingNote),
  'training.create': command(TrainingNoteInput, TrainingNote, { writes: ['training'] }),
  'training.update': command(z.object({ id: Id, note: TrainingNoteInput }), TrainingNote, { writes: ['training'] }),
  'training.delete': command(ById, z.object({ id: Id }), { writes: ['training'] }),
  /** The notes to show beside the sale form: the product's, and the customer's segment's and industry's. */
  'training.forSale': query(
    z.object({ productId: Id.nullable().default(null), customerId: Id.nullable().default(null) }),
    z.array(TrainingNote),
  ),
  /** Segments and industries the customers carry, to pick a note's subject from. */
  'training.groups': query(Empty, z.object({ segments: z.array(z.string()), industries: z.array(z.string()) })),
} as const;

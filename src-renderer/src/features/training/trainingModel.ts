import type { z } from 'zod';
import {
  TRAINING_SUBJECTS,
  TrainingNoteInput,
  type TrainingNote,
  type TrainingSubject,
} from '../../../../src-main/features/training/contract';
import { schemaErrors, type FieldErrors, type Validation } from '../../ui/errors';

/** One objection row as typed; `key` keeps a row's place (and its focus) while rows come and go. */
export interface ObjectionRow {
  key: number;
  objection: string;
  answer: string;
}

/** The note form as typed: every text as a string, the product as its id in a select ('' for none). */
export interface TrainingFormValues {
  subject: TrainingSubject;
  productId: string;
  name: string;
  features: string;
  benefits: string;
  pricing: string;
  who: string;
  caresAbout: string;
  whatWorks: string;
  objections: ObjectionRow[];
  body: string;
}

/** What a product's note says, and what a segment's or an industry's says. */
export const PRODUCT_FIELDS = ['features', 'benefits', 'pricing'] as const;
export const GROUP_FIELDS = ['who', 'caresAbout', 'whatWorks'] as const;
export type NoteField = (typeof PRODUCT_FIELDS)[number] | (typeof GROUP_FIELDS)[number];
export const fieldsOf = (subject: TrainingSubject): readonly NoteField[] =>
  subject === 'product' ? PRODUCT_FIELDS : GROUP_FIELDS;

export const emptyTrainingForm = (subject: TrainingSubject = 'product', productId = ''): TrainingFormValues => ({
  subject,
  productId,
  name: '',
  features: '',
  benefits: '',
  pricing: '',
  who: '',
  caresAbout: '',
  whatWorks: '',
  objections: [],
  body: '',
});

export const formFromNote = (note: TrainingNote): TrainingFormValues => ({
  subject: note.subject,
  productId: note.product ? String(note.product.id) : '',
  name: note.name ?? '',
  features: note.features ?? '',
  benefits: note.benefits ?? '',
  pricing: note.pricing ?? '',
  who: note.who ?? '',
  caresAbout: note.caresAbout ?? '',
  whatWorks: note.whatWorks ?? '',
  objections: note.objections.map((o, key) => ({ key, ...o })),
  body: note.body,
});

/** A new row's key: one above every key in use. */
export const nextKey = (rows: readonly ObjectionRow[]): number => Math.max(-1, ...rows.map((r) => r.key)) + 1;

export type TrainingFormInput = z.output<typeof TrainingNoteInput>;

/**
 * The form as a note, checked with the very schema the backend uses. Only the fields of the
 * chosen subject are sent (the others as nothing), and an objection row left wholly blank is no
 * objection; errors keep the row's place in the form, not in what is sent.
 */
export function validateTraining(values: TrainingFormValues): Validation<TrainingFormInput> {
  const product = values.subject === 'product';
  const kept = values.objections
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.objection.trim() !== '' || row.answer.trim() !== '');
  const fields = fieldsOf(values.subject);
  const text = (field: NoteField): string | null => (fields.includes(field) ? values[field] : null);
  const parsed = TrainingNoteInput.safeParse({
    subject: values.subject,
    productId: product && values.productId !== '' ? Number(values.productId) : null,
    name: product ? null : values.name,
    features: text('features'),
    benefits: text('benefits'),
    pricing: text('pricing'),
    who: text('who'),
    caresAbout: text('caresAbout'),
    whatWorks: text('whatWorks'),
    objections: kept.map(({ row }) => ({ objection: row.objection, answer: row.answer })),
    body: values.body,
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(schemaErrors(parsed.error.issues))) {
    const row = /^objections\.(\d+)\.(.*)$/.exec(path);
    errors[row ? `objections.${kept[Number(row[1])]!.index}.${row[2]}` : path] = message;
  }
  return { ok: false, errors };
}

const FORM_FIELDS = new Set(['subject', 'productId', 'name', ...PRODUCT_FIELDS, ...GROUP_FIELDS, 'objections', 'body']);
/** The paths the form shows next to a control; other refusals are listed above it. */
export const isTrainingField = (path: string): boolean => FORM_FIELDS.has(path.split('.')[0] ?? '');

/** What a note is about, by name: its product's, or its segment's or industry's. */
export const noteName = (note: TrainingNote): string => note.product?.name ?? note.name ?? '';

export interface NoteGroup {
  subject: TrainingSubject;
  notes: TrainingNote[];
}

/** The notes by subject, products first, each in the order the backend gives (by name). */
export function groupNotes(notes: readonly TrainingNote[]): NoteGroup[] {
  return TRAINING_SUBJECTS.map((subject) => ({ subject, notes: notes.filter((n) => n.subject === subject) })).filter(
    (group) => group.notes.length > 0,
  );
}

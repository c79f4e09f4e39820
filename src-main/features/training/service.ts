import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { TrainingNote, TrainingNoteInput, TrainingSubject } from './contract';
import type { DB } from '../../db/schema';
import type { FieldIssue } from '../../shared/api';
import { AppError } from '../../kernel/errors';
import * as repo from './repository';

/** A note as its schema parsed it. */
export type TrainingNoteData = z.output<typeof TrainingNoteInput>;

/** What a product's note says, and what a segment's or an industry's says. */
const PRODUCT_FIELDS = ['features', 'benefits', 'pricing'] as const;
const GROUP_FIELDS = ['who', 'caresAbout', 'whatWorks'] as const;

function notFound(id: number): AppError {
  return new AppError('not_found', 'training.failures.notFound', [], { id });
}

/** Two names of one segment or industry: the same letters, whatever their case. */
const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Every check before a write, each reported against its field: a product note names an
 * existing product and says what a product's note says; a segment's or industry's note has a
 * name and says what theirs says. Then one note per product and per segment or industry name:
 * a second is a conflict naming the note there is (`id`, and the product's or group's name).
 */
async function check(db: Kysely<DB>, data: TrainingNoteData, self: number | null): Promise<void> {
  const issues: FieldIssue[] = [];
  const product = data.subject === 'product';
  if (product) {
    if (data.productId !== null && !(await repo.productExists(db, data.productId)))
      issues.push({ path: 'productId', message: 'errors.unknownProduct' });
    if (data.name !== null) issues.push({ path: 'name', message: 'training.errors.nameOnlyForGroups' });
    for (const field of GROUP_FIELDS)
      if (data[field] !== null) issues.push({ path: field, message: 'training.errors.onlyForGroups' });
  } else {
    if (data.productId !== null) issues.push({ path: 'productId', message: 'training.errors.productOnlyForProducts' });
    for (const field of PRODUCT_FIELDS)
      if (data[field] !== null) issues.push({ path: field, message: 'training.errors.onlyForProducts' });
  }
  if (issues.length > 0) throw new AppError('invalid_input', 'training.failures.invalid', issues);

  if (product) {
    const existing = await repo.noteOfProduct(db, data.productId!);
    if (existing && existing.id !== self)
      throw new AppError(
        'conflict',
        'training.failures.productTaken',
        [{ path: 'productId', message: 'training.errors.productTaken' }],
        { id: existing.id, name: existing.product?.name ?? '' },
      );
  } else {
    const subject = data.subject as Exclude<TrainingSubject, 'product'>;
    const existing = (await repo.groupNotes(db, subject)).find((n) => n.id !== self && sameName(n.name!, data.name!));
    if (existing)
      throw new AppError(
        'conflict',
        `training.failures.${subject}Taken`,
        [{ path: 'name', message: `training.errors.${subject}Taken` }],
        { id: existing.id, name: existing.name! },
      );
  }
}

function toRow(data: TrainingNoteData, nowIso: string): repo.NoteRow {
  const product = data.subject === 'product';
  return {
    subject: data.subject,
    product_id: product ? data.productId : null,
    name: product ? null : data.name,
    features: data.features,
    benefits: data.benefits,
    pricing: data.pricing,
    who: data.who,
    cares_about: data.caresAbout,
    what_works: data.whatWorks,
    objections: JSON.stringify(data.objections.map(({ objection, answer }) => ({ objection, answer }))),
    body: data.body,
    updated_at: nowIso,
  };
}

export async function getNote(db: Kysely<DB>, id: number): Promise<TrainingNote> {
  const note = await repo.findNote(db, id);
  if (!note) throw notFound(id);
  return note;
}

export async function createNote(db: Kysely<DB>, data: TrainingNoteData, now: Date): Promise<TrainingNote> {
  await check(db, data, null);
  const iso = now.toISOString();
  const id = await repo.insertNote(db, { ...toRow(data, iso), created_at: iso });
  return getNote(db, id);
}

/** Rewrites a note whole; it may change its subject too, under the same checks as a new one. */
export async function updateNote(db: Kysely<DB>, id: number, data: TrainingNoteData, now: Date): Promise<TrainingNote> {
  if (!(await repo.findNote(db, id))) throw notFound(id);
  await check(db, data, id);
  await repo.updateNote(db, id, toRow(data, now.toISOString()));
  return getNote(db, id);
}

export async function deleteNote(db: Kysely<DB>, id: number): Promise<void> {
  if (!(await repo.deleteNote(db, id))) throw notFound(id);
}

/**
 * What the seller knows that bears on a sale: the product's note, then the notes of the
 * customer's segment and industry (matched by name, whatever the case), in that order. A
 * product or customer that does not exist is refused, naming the field.
 */
export async function notesForSale(
  db: Kysely<DB>,
  { productId, customerId }: { productId: number | null; customerId: number | null },
): Promise<TrainingNote[]> {
  const issues: FieldIssue[] = [];
  if (productId !== null && !(await repo.productExists(db, productId)))
    issues.push({ path: 'productId', message: 'errors.unknownProduct' });
  const customer = customerId === null ? null : await repo.customerGroups(db, customerId);
  if (customer === undefined) issues.push({ path: 'customerId', message: 'errors.unknownCustomer' });
  if (issues.length > 0) throw new AppError('invalid_input', 'training.failures.invalid', issues);

  const found: TrainingNote[] = [];
  if (productId !== null) {
    const note = await repo.noteOfProduct(db, productId);
    if (note) found.push(note);
  }
  for (const subject of ['segment', 'industry'] as const) {
    const name = customer?.[subject];
    if (!name?.trim()) continue;
    const note = (await repo.groupNotes(db, subject)).find((n) => sameName(n.name!, name));
    if (note) found.push(note);
  }
  return found;
}

export const listNotes = repo.listNotes;
export const groupNames = repo.customerGroupNames;

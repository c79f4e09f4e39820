import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { JournalEntry, JournalEntryInput } from './contract';
import type { DB } from '../../db/schema';
import type { FieldIssue } from '../../shared/api';
import { AppError } from '../../kernel/errors';
import * as repo from './repository';

/** An entry as its schema parsed it. */
export type JournalEntryData = z.output<typeof JournalEntryInput>;

function notFound(id: number): AppError {
  return new AppError('not_found', 'journal.failures.notFound', [], { id });
}

/** Tags once each (the first spelling wins), in the order given. */
function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tag.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * References are checked up front, every one, so the seller hears which field is wrong rather
 * than "FOREIGN KEY failed". A sale given without a customer brings its own customer.
 */
async function resolve(db: Kysely<DB>, data: JournalEntryData): Promise<JournalEntryData> {
  const issues: FieldIssue[] = [];
  let { customerId } = data;
  if (customerId !== null && (await repo.countIds(db, 'customers', [customerId])) === 0) {
    issues.push({ path: 'customerId', message: 'errors.unknownCustomer' });
    customerId = null;
  }
  if (data.saleId !== null) {
    const owner = await repo.saleCustomer(db, data.saleId);
    if (owner === undefined) issues.push({ path: 'saleId', message: 'errors.unknownSale' });
    else if (customerId !== null && owner !== customerId)
      issues.push({ path: 'saleId', message: 'errors.saleOfOtherCustomer' });
    else if (data.customerId === null) customerId = owner;
  }
  const techniqueIds = [...new Set(data.techniqueIds)];
  if ((await repo.countIds(db, 'techniques', techniqueIds)) !== techniqueIds.length)
    issues.push({ path: 'techniqueIds', message: 'errors.unknownTechnique' });
  if (issues.length > 0) throw new AppError('invalid_input', 'journal.failures.references', issues);
  return { ...data, customerId, techniqueIds, tags: uniqueTags(data.tags) };
}

function toRow(data: JournalEntryData, nowIso: string): repo.EntryRow {
  return {
    entry_date: data.date,
    title: data.title,
    situation: data.situation,
    customer_id: data.customerId,
    sale_id: data.saleId,
    action: data.action,
    outcome: data.outcome,
    learned: data.learned,
    next_time: data.nextTime,
    confidence: data.confidence,
    tags: JSON.stringify(data.tags),
    body: data.body,
    updated_at: nowIso,
  };
}

export async function getEntry(db: Kysely<DB>, id: number): Promise<JournalEntry> {
  const [entry] = await repo.entriesByIds(db, [id]);
  if (!entry) throw notFound(id);
  return entry;
}

export async function createEntry(db: Kysely<DB>, input: JournalEntryData, now: Date): Promise<JournalEntry> {
  const data = await resolve(db, input);
  const iso = now.toISOString();
  const id = await repo.insertEntry(db, { ...toRow(data, iso), created_at: iso }, data.techniqueIds);
  return getEntry(db, id);
}

export async function updateEntry(
  db: Kysely<DB>,
  id: number,
  input: JournalEntryData,
  now: Date,
): Promise<JournalEntry> {
  if ((await repo.entriesByIds(db, [id])).length === 0) throw notFound(id);
  const data = await resolve(db, input);
  await repo.updateEntry(db, id, toRow(data, now.toISOString()), data.techniqueIds);
  return getEntry(db, id);
}

export async function deleteEntry(db: Kysely<DB>, id: number): Promise<void> {
  if (!(await repo.deleteEntry(db, id))) throw notFound(id);
}

export { listEntries, tagCounts } from './repository';

import {
  JournalEntryInput,
  type JournalEntry,
  type JournalOutcome,
} from '../../../../src-main/features/journal/contract';
import type { z } from 'zod';
import type { CustomerRef } from '../customers/CustomerPicker';
import { validation, type Validation } from '../../ui/errors';

/** The entry form as typed: text for text, the customer as the picker holds it, tags as one line. */
export interface EntryFormValues {
  date: string;
  title: string;
  situation: string;
  customer: CustomerRef | null;
  /** A sale of that customer, by id as the select holds it; '' for none. */
  saleId: string;
  techniqueIds: number[];
  action: string;
  outcome: JournalOutcome | null;
  learned: string;
  nextTime: string;
  confidence: number | null;
  /** Comma-separated, as typed. */
  tags: string;
  body: string;
}

/** What a new entry may start with: the customer or sale it is written from. */
export interface EntryPrefill {
  customer?: CustomerRef | null;
  saleId?: number | null;
  techniqueIds?: number[];
  title?: string;
}

export function emptyEntryForm(today: string, prefill: EntryPrefill = {}): EntryFormValues {
  return {
    date: today,
    title: prefill.title ?? '',
    situation: '',
    customer: prefill.customer ?? null,
    saleId: prefill.saleId ? String(prefill.saleId) : '',
    techniqueIds: prefill.techniqueIds ?? [],
    action: '',
    outcome: null,
    learned: '',
    nextTime: '',
    confidence: null,
    tags: '',
    body: '',
  };
}

export function formFromEntry(entry: JournalEntry): EntryFormValues {
  return {
    date: entry.date,
    title: entry.title,
    situation: entry.situation ?? '',
    customer: entry.customer,
    saleId: entry.sale ? String(entry.sale.id) : '',
    techniqueIds: entry.techniques.map((t) => t.id),
    action: entry.action ?? '',
    outcome: entry.outcome,
    learned: entry.learned ?? '',
    nextTime: entry.nextTime ?? '',
    confidence: entry.confidence,
    tags: entry.tags.join(', '),
    body: entry.body,
  };
}

/** Tags typed as "objection, price , price": trimmed, without empties or repeats. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '' && !seen.has(tag.toLowerCase()) && seen.add(tag.toLowerCase()));
}

export type EntryInput = z.output<typeof JournalEntryInput>;

/** The form checked by the very schema the backend parses with; paths as it names them. */
export function validateEntry(values: EntryFormValues): Validation<EntryInput> {
  return validation(
    JournalEntryInput.safeParse({
      date: values.date,
      title: values.title,
      situation: values.situation,
      customerId: values.customer?.id ?? null,
      saleId: values.customer && values.saleId ? Number(values.saleId) : null,
      techniqueIds: values.techniqueIds,
      action: values.action,
      outcome: values.outcome,
      learned: values.learned,
      nextTime: values.nextTime,
      confidence: values.confidence,
      tags: parseTags(values.tags),
      body: values.body,
    }),
  );
}

/** The fields the form shows an error beside; any other refusal is listed above the form. */
export const ENTRY_FIELDS = [
  'date',
  'title',
  'situation',
  'customerId',
  'saleId',
  'techniqueIds',
  'action',
  'outcome',
  'learned',
  'nextTime',
  'confidence',
  'tags',
  'body',
] as const;

export const isEntryField = (path: string): boolean =>
  (ENTRY_FIELDS as readonly string[]).includes(path.split('.')[0] ?? '');

/** The first lines of a Markdown body, as plain words for the timeline. */
export function bodyExcerpt(body: string, max = 220): string {
  const plain = body
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]/g, '')
    // A heading or a list item ends without a stop: keep the break readable on one line.
    .replace(/([^\s.!?:;,…])[ \t]*\n+/g, '$1 · ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}

import { z } from 'zod';
import { Id } from './domain';

/**
 * The kinds of records a write can change, as the `data.changed` event names them. A screen
 * refetches when an entity its reply is built from changes: the customers list watches sales
 * too (lifetime values), a goal watches the sales its metric counts. That is the reader's
 * business; an operation declares only the records it writes itself.
 */
export const ENTITIES = [
  'customers',
  'sales',
  'products',
  'techniques',
  'settings',
  'care',
  'goals',
  'journal',
  'experiments',
  'library',
  'training',
  'coach',
] as const;
export const Entity = z.enum(ENTITIES);
export type Entity = z.infer<typeof Entity>;

/** At least one entity: a command that changes nothing is a query. */
export type Writes = readonly [Entity, ...Entity[]];

/**
 * Changes none of the entities. It may still write outside them: a file (an export), a pick
 * made in a dialog, bookkeeping no screen shows (the calendar export's ledger, a goal
 * period's result recorded when first seen closed, a saved column mapping).
 */
export interface Query<I extends z.ZodType, O extends z.ZodType> {
  readonly kind: 'query';
  readonly input: I;
  readonly output: O;
  readonly writes: readonly [];
}

/** Changes the entities it declares; once it succeeds, main announces exactly those. */
export interface Command<I extends z.ZodType, O extends z.ZodType> {
  readonly kind: 'command';
  readonly input: I;
  readonly output: O;
  readonly writes: Writes;
}

export const query = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Query<I, O> => ({
  kind: 'query',
  input,
  output,
  writes: [],
});

export function command<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  { writes }: { writes: Writes },
): Command<I, O> {
  // The type already demands one; this catches a cast or a list emptied at runtime.
  if (writes.length === 0) throw new TypeError('A command writes at least one entity.');
  return { kind: 'command', input, output, writes };
}

/** The input of an operation that takes none. */
export const Empty = z.object({}).strict().optional();
export const ById = z.object({ id: Id });

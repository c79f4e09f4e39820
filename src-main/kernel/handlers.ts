import type { Kysely } from 'kysely';
import type { Channel, Output, ParsedInput } from '../shared/api';
import type { DB } from '../db/schema';

/**
 * One handler per channel of the contract. A mapped type over every `Channel`, so leaving
 * one out (or returning the wrong shape) is a type error, not a runtime surprise. `signal`,
 * given to a read the caller may cancel, lets a handler made of several steps stop between
 * them (report.build); most handlers ignore it.
 */
export type Handlers = { [C in Channel]: (input: ParsedInput<C>, signal?: AbortSignal) => Promise<Output<C>> };

/** What a feature's handlers are built with (ipc/assemble.ts gives every feature the same). */
export interface FeatureContext {
  now: () => Date;
  /** One transaction per user action: each write is all or nothing. */
  tx: <T>(fn: (trx: Kysely<DB>) => Promise<T>) => Promise<T>;
  /**
   * One consistent snapshot for a query that reads several tables (a goal's evaluation, Home):
   * a read-only transaction, which never waits for a writer — not even another process's long
   * import. What such a view writes for its own bookkeeping goes through db/writeIfFree.
   */
  view: <T>(fn: (trx: Kysely<DB>) => Promise<T>) => Promise<T>;
}

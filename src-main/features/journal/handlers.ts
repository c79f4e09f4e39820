import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { createEntry, deleteEntry, getEntry, listEntries, tagCounts, updateEntry } from './service';

type JournalChannel = Extract<keyof Handlers, `journal.${string}`>;

export function journalHandlers(db: Kysely<DB>, { now, tx }: FeatureContext): Pick<Handlers, JournalChannel> {
  return {
    'journal.list': (query) => listEntries(db, query),
    'journal.get': ({ id }) => getEntry(db, id),
    'journal.create': (input) => tx((trx) => createEntry(trx, input, now())),
    'journal.update': ({ id, ...input }) => tx((trx) => updateEntry(trx, id, input, now())),
    'journal.delete': async ({ id }) => {
      await tx((trx) => deleteEntry(trx, id));
      return { id };
    },
    'journal.tags': () => tagCounts(db),
  };
}

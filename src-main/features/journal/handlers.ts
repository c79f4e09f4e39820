import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';

type JournalChannel = Extract<keyof Handlers, `journal.${string}`>;

const todo = (): never => {
  throw new Error('Not built yet.');
};

export function journalHandlers(_db: Kysely<DB>, _ctx: FeatureContext): Pick<Handlers, JournalChannel> {
  return {
    'journal.list': todo,
    'journal.get': todo,
    'journal.create': todo,
    'journal.update': todo,
    'journal.delete': todo,
    'journal.tags': todo,
  };
}

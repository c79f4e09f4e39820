import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';

type LibraryChannel = Extract<keyof Handlers, `library.${string}`>;

const todo = (): never => {
  throw new Error('not built yet');
};

export function libraryHandlers(_db: Kysely<DB>, _ctx: FeatureContext): Pick<Handlers, LibraryChannel> {
  return {
    'library.list': todo,
    'library.get': todo,
    'library.facets': todo,
    'library.create': todo,
    'library.update': todo,
    'library.delete': todo,
    'library.bulkEdit': todo,
    'library.import': todo,
    'library.cancelImport': todo,
    'library.importHighlights': todo,
    'library.progress': todo,
    'library.highlightSave': todo,
    'library.highlightDelete': todo,
    'library.takeawaySave': todo,
    'library.takeawayDelete': todo,
    'library.actionSet': todo,
    'library.checkLinks': todo,
  };
}

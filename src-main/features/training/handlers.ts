import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { createNote, deleteNote, getNote, groupNames, listNotes, notesForSale, updateNote } from './service';

type TrainingChannel = Extract<keyof Handlers, `training.${string}`>;

export function trainingHandlers(db: Kysely<DB>, { now, tx }: FeatureContext): Pick<Handlers, TrainingChannel> {
  return {
    'training.list': (query) => listNotes(db, query?.subject),
    'training.get': ({ id }) => getNote(db, id),
    'training.create': (input) => tx((trx) => createNote(trx, input, now())),
    'training.update': ({ id, note }) => tx((trx) => updateNote(trx, id, note, now())),
    'training.delete': async ({ id }) => {
      await tx((trx) => deleteNote(trx, id));
      return { id };
    },
    'training.forSale': (query) => notesForSale(db, query),
    'training.groups': () => groupNames(db),
  };
}

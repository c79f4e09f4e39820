import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { concludeExperiment, createExperiment, deleteExperiment, getExperiment, listExperiments } from './service';

type ExperimentsChannel = Extract<keyof Handlers, `experiments.${string}`>;

export function experimentsHandlers(db: Kysely<DB>, { now, tx }: FeatureContext): Pick<Handlers, ExperimentsChannel> {
  return {
    'experiments.list': () => listExperiments(db, now()),
    'experiments.get': ({ id }) => getExperiment(db, id, now()),
    'experiments.create': (input) => tx((trx) => createExperiment(trx, input, now())),
    'experiments.conclude': (input) => tx((trx) => concludeExperiment(trx, input, now())),
    'experiments.delete': ({ id }) => tx((trx) => deleteExperiment(trx, id)),
  };
}

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';

type TrainingChannel = Extract<keyof Handlers, `training.${string}`>;

const todo = (): never => {
  throw new Error('not built yet');
};

export function trainingHandlers(_db: Kysely<DB>, _ctx: FeatureContext): Pick<Handlers, TrainingChannel> {
  return {
    'training.list': todo,
    'training.get': todo,
    'training.create': todo,
    'training.update': todo,
    'training.delete': todo,
    'training.forSale': todo,
    'training.groups': todo,
  };
}

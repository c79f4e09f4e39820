import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { createSale, deleteSale, getSale, listSales, updateSale } from './service';

type SalesChannel = Extract<keyof Handlers, `sales.${string}`>;

export function salesHandlers(db: Kysely<DB>, { now, tx }: FeatureContext): Pick<Handlers, SalesChannel> {
  return {
    'sales.list': (query) => listSales(db, query),
    'sales.get': ({ id }) => getSale(db, id),
    'sales.create': (input) => tx((trx) => createSale(trx, input, now())),
    'sales.update': ({ id, sale }) => tx((trx) => updateSale(trx, id, sale, now())),
    'sales.delete': async ({ id }) => {
      await tx((trx) => deleteSale(trx, id));
      return { id };
    },
  };
}

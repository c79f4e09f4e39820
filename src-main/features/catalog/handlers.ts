import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { createProduct, listProducts } from './service';

type CatalogChannel = Extract<keyof Handlers, `products.${string}`>;

export function catalogHandlers(db: Kysely<DB>, { now, tx }: FeatureContext): Pick<Handlers, CatalogChannel> {
  return {
    'products.list': () => listProducts(db),
    'products.create': (input) => tx((trx) => createProduct(trx, input, now())),
  };
}

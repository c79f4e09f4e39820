import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { createProduct, createTechnique, listProducts, listTechniques } from './service';

type CatalogChannel = Extract<keyof Handlers, `products.${string}` | `techniques.${string}`>;

export function catalogHandlers(db: Kysely<DB>, { now, tx }: FeatureContext): Pick<Handlers, CatalogChannel> {
  return {
    'products.list': () => listProducts(db),
    'products.create': (input) => tx((trx) => createProduct(trx, input, now())),
    'techniques.list': () => listTechniques(db),
    'techniques.create': (input) => tx((trx) => createTechnique(trx, input, now())),
  };
}

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { getSettings } from '../settings';
import {
  createCustomer,
  customerDetail,
  distinctValues,
  likelyDuplicates,
  listCustomers,
  setArchived,
  updateCustomer,
} from './service';

type CustomersChannel = Extract<keyof Handlers, `customers.${string}`>;

export function customersHandlers(db: Kysely<DB>, { now, tx }: FeatureContext): Pick<Handlers, CustomersChannel> {
  // Lifetime values are summed in the currency the user works in.
  const currency = async (): Promise<string> => (await getSettings(db)).currency;
  return {
    'customers.list': async (query) => listCustomers(db, query, await currency()),
    'customers.get': async ({ id }) => customerDetail(db, id, await currency()),
    'customers.create': (input) => tx((trx) => createCustomer(trx, input, now())),
    'customers.update': ({ id, customer }) => tx((trx) => updateCustomer(trx, id, customer, now())),
    'customers.setArchived': ({ id, archived }) => tx((trx) => setArchived(trx, id, archived, now())),
    'customers.duplicates': (probe) => likelyDuplicates(db, probe),
    'customers.facets': async () => ({
      segments: await distinctValues(db, 'segment'),
      regions: await distinctValues(db, 'region'),
      industries: await distinctValues(db, 'industry'),
    }),
  };
}

import type { Kysely } from 'kysely';
import type { EventName, EventPayload } from '../shared/api';
import { AppError } from '../kernel/errors';
import type { DB } from '../db/schema';
import type { Store } from '../db/connection';
import type { Handlers } from '../kernel/handlers';
import { localIsoDate } from '../shared/dates';
import * as catalog from '../features/catalog/service';
import * as customers from '../features/customers/service';
import * as sales from '../features/sales/service';
import { generateSampleData, SAMPLE_SALES, SAMPLE_SEED } from '../features/onboarding';
import { periodStats } from '../features/metrics';
import { getSettings, updateSettings } from '../features/settings';
import { exchangeHandlers, type ExchangeContext } from '../features/exchange';
import { importHandlers } from '../features/imports';
import { PickedFiles } from '../kernel/picks';
import { careHandlers } from '../features/care';
import { goalsHandlers } from '../features/goals';
import { exportCalendar } from '../features/care';
import { checkFilePath } from '../kernel/filePaths';

export interface HandlerContext {
  now?: () => Date;
  version: string;
  platform: string;
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Export, backup and restore wiring (see services/exchange). */
  exchange?: Omit<ExchangeContext, 'now' | 'picks'>;
}

type Entity = EventPayload<'data.changed'>['entities'][number];

/**
 * The backend as the renderer sees it: one handler per contract channel. Each handler is
 * one user action, so each write runs in exactly one transaction.
 */
export function createHandlers(store: Store, ctx: HandlerContext): Handlers {
  const now = ctx.now ?? (() => new Date());
  const db = store.db;
  const tx = <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> => db.transaction().execute(fn);
  const changed = (...entities: Entity[]): void => ctx.emit?.('data.changed', { entities });
  const currency = async (): Promise<string> => (await getSettings(db)).currency;
  const picks = new PickedFiles();

  return {
    'app.info': async () => ({ version: ctx.version, databasePath: store.file, platform: ctx.platform }),
    'settings.get': () => getSettings(db),
    'settings.update': async (patch) => {
      const settings = await tx((trx) => updateSettings(trx, patch));
      changed('settings');
      return settings;
    },
    'onboarding.start': async ({ mode }) => {
      const settings = await tx(async (trx) => {
        if (mode === 'sample') {
          const { currency: cur } = await getSettings(trx);
          await generateSampleData(
            trx,
            { sales: SAMPLE_SALES, seed: SAMPLE_SEED, endDate: localIsoDate(now()), currency: cur },
            now(),
          );
        }
        return updateSettings(trx, { onboarded: true });
      });
      changed('settings', 'customers', 'sales', 'products', 'techniques', 'care');
      return settings;
    },

    'customers.list': async (query) => customers.listCustomers(db, query, await currency()),
    'customers.get': async ({ id }) => customers.customerDetail(db, id, await currency()),
    'customers.create': async (input) => {
      const customer = await tx((trx) => customers.createCustomer(trx, input, now()));
      changed('customers');
      return customer;
    },
    'customers.update': async ({ id, customer: input }) => {
      const customer = await tx((trx) => customers.updateCustomer(trx, id, input, now()));
      // Names, segments and tags show in (and steer) the follow-ups too.
      changed('customers', 'sales', 'care');
      return customer;
    },
    'customers.setArchived': async ({ id, archived }) => {
      const customer = await tx((trx) => customers.setArchived(trx, id, archived, now()));
      changed('customers', 'care');
      return customer;
    },
    'customers.duplicates': (probe) => customers.likelyDuplicates(db, probe),
    'customers.facets': async () => ({
      segments: await customers.distinctValues(db, 'segment'),
      regions: await customers.distinctValues(db, 'region'),
      industries: await customers.distinctValues(db, 'industry'),
    }),

    'products.list': () => catalog.listProducts(db),
    'products.create': async (input) => {
      const product = await tx((trx) => catalog.createProduct(trx, input, now()));
      changed('products');
      return product;
    },
    'techniques.list': () => catalog.listTechniques(db),
    'techniques.create': async (input) => {
      const technique = await tx((trx) => catalog.createTechnique(trx, input, now()));
      changed('techniques');
      return technique;
    },

    'sales.list': (query) => sales.listSales(db, query),
    'sales.get': ({ id }) => sales.getSale(db, id),
    'sales.create': async (input) => {
      const sale = await tx((trx) => sales.createSale(trx, input, now()));
      changed('sales', 'customers', 'care');
      return sale;
    },
    'sales.update': async ({ id, sale: input }) => {
      const sale = await tx((trx) => sales.updateSale(trx, id, input, now()));
      changed('sales', 'customers', 'care');
      return sale;
    },
    'sales.delete': async ({ id }) => {
      await tx((trx) => sales.deleteSale(trx, id));
      changed('sales', 'customers', 'care');
      return { id };
    },

    'stats.summary': async ({ from, to, currency: cur }) => periodStats(db, from, to, cur ?? (await currency())),

    ...exchangeHandlers(store, { ...ctx.exchange, now, picks }),
    ...importHandlers(store, { now, emit: ctx.emit, picks: ctx.exchange?.dialogs ? picks : null }),
    ...careHandlers(db, { now, tx, changed }),
    // Like data.export: where dialogs exist, only a path the user just picked for it.
    'care.ics.export': async ({ path, overwrite, asOf }) => {
      const file = checkFilePath('calendar', path, store.file);
      if (ctx.exchange?.dialogs && !picks.take('calendar', file))
        throw new AppError('forbidden', 'failures.chooseFileFirst');
      const at = now();
      return tx((trx) => exportCalendar(trx, file, { asOf: asOf ?? localIsoDate(at), overwrite }, at));
    },
    ...goalsHandlers(db, {
      now,
      tx,
      changed,
      databaseFile: store.file,
      picks: ctx.exchange?.dialogs ? picks : null,
    }),
  };
}

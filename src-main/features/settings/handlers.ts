import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { getSettings, updateSettings } from './service';

export function settingsHandlers(
  db: Kysely<DB>,
  { tx }: FeatureContext,
): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => getSettings(db),
    'settings.update': (patch) => tx((trx) => updateSettings(trx, patch)),
  };
}

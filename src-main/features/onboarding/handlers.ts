import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { localIsoDate } from '../../shared/dates';
import { getSettings, updateSettings } from '../settings';
import { generateSampleData } from './sampleData';
import { SAMPLE_SALES, SAMPLE_SEED } from './choices';
import { countAllRows, countSampleRows, removeAllRows, removeSampleRows } from './sampleRows';

type OnboardingOps =
  'onboarding.start' | 'onboarding.dataCounts' | 'onboarding.removeSample' | 'onboarding.startAfresh';

/** `sqlite`: the connection `tx` runs on, which the sample's rows are streamed through. */
export function onboardingHandlers(
  db: Kysely<DB>,
  { now, tx, sqlite }: FeatureContext & { sqlite: Database.Database },
): Pick<Handlers, OnboardingOps> {
  return {
    'onboarding.start': ({ mode }) =>
      tx(async (trx) => {
        if (mode === 'sample') {
          // The sample speaks the language the seller has just chosen.
          const { currency, language } = await getSettings(trx);
          await generateSampleData(
            trx,
            sqlite,
            { sales: SAMPLE_SALES, seed: SAMPLE_SEED, endDate: localIsoDate(now()), currency, language },
            now(),
          );
        }
        return updateSettings(trx, { onboarded: true });
      }),
    'onboarding.dataCounts': async () => {
      const [sample, all] = await Promise.all([countSampleRows(db), countAllRows(db)]);
      return { sample, all };
    },
    'onboarding.removeSample': () => tx(removeSampleRows),
    'onboarding.startAfresh': () => tx(removeAllRows),
  };
}

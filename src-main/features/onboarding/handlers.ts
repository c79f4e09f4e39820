import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { localIsoDate } from '../../shared/dates';
import { getSettings, updateSettings } from '../settings';
import { generateSampleData, SAMPLE_SALES, SAMPLE_SEED } from './sampleData';

export function onboardingHandlers({ now, tx }: FeatureContext): Pick<Handlers, 'onboarding.start'> {
  return {
    'onboarding.start': ({ mode }) =>
      tx(async (trx) => {
        if (mode === 'sample') {
          const { currency } = await getSettings(trx);
          await generateSampleData(
            trx,
            { sales: SAMPLE_SALES, seed: SAMPLE_SEED, endDate: localIsoDate(now()), currency },
            now(),
          );
        }
        return updateSettings(trx, { onboarded: true });
      }),
  };
}

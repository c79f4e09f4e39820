import { z } from 'zod';
import { command } from '../../shared/operations';
import { Settings } from '../settings/contract';

export const onboardingOps = {
  // "Sample" fills every kind of record (see sampleData.ts); "empty" only marks onboarding done.
  'onboarding.start': command(z.object({ mode: z.enum(['empty', 'sample']) }), Settings, {
    writes: ['settings', 'customers', 'sales', 'products', 'techniques', 'care', 'goals'],
  }),
} as const;

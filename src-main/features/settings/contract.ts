import { z } from 'zod';
import { Currency, Language } from '../../shared/domain';
import { command, Empty, query } from '../../shared/operations';

export const THEMES = ['system', 'light', 'dark'] as const;
export const Theme = z.enum(THEMES);

export const Settings = z.object({
  language: Language,
  currency: Currency,
  theme: Theme,
  onboarded: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const settingsOps = {
  'settings.get': query(Empty, Settings),
  'settings.update': command(Settings.partial(), Settings, { writes: ['settings'] }),
} as const;

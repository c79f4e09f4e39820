import type { Kysely } from 'kysely';
import { Settings } from './contract';
import type { DB } from '../../db/schema';
import { readSettings, writeSettings } from './repository';

export const DEFAULT_SETTINGS: Settings = { language: 'en', currency: 'EUR', theme: 'system', onboarded: false };

/** Stored settings over the defaults; a value that no longer parses falls back to its default. */
export async function getSettings(db: Kysely<DB>): Promise<Settings> {
  const stored = await readSettings(db);
  const merged = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const parsed = Settings.shape[key].safeParse(stored[key]);
    if (parsed.success) Object.assign(merged, { [key]: parsed.data });
  }
  return merged;
}

export async function updateSettings(db: Kysely<DB>, patch: Partial<Settings>): Promise<Settings> {
  await writeSettings(db, patch);
  return getSettings(db);
}

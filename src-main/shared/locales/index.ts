import type { Language } from '../domain';
import en from './en.json';
import it from './it.json';

/**
 * The one message catalogue: every word Rapport shows, in each language it speaks, used by the
 * renderer, the CLI, the native menus and notifications, dialogs and exported files alike.
 * Services return keys and values; whoever shows them words them from here. Both files have
 * exactly the same keys (test/renderer/locales.test.ts).
 */
export type Catalogue = typeof en;
export const CATALOGUES: Record<Language, Catalogue> = { en, it };

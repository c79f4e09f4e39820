import { createInstance, type TFunction } from 'i18next';
import type { Language } from '../domain';
import { CATALOGUES } from '.';

/**
 * Words from the one catalogue outside React: the CLI, native menus and notifications,
 * dialogs, exported files. Keys and `{{placeholder}}` values, plurals by `count`, exactly as
 * the renderer's i18next reads them, so a key words the same everywhere.
 */
export type Values = Readonly<Record<string, string | number | undefined>>;
export type Translate = (key: string, values?: Values) => string;

const instances = new Map<Language, TFunction>();

function tFor(language: Language): TFunction {
  let t = instances.get(language);
  if (!t) {
    const instance = createInstance();
    // Only the catalogues this translator can read: its language and English, the fallback
    // (the CLI's build parses a catalogue only when it is first read, vite.cli.config.ts).
    void instance.init({
      resources: Object.fromEntries(([language, 'en'] as const).map((l) => [l, { translation: CATALOGUES[l] }])),
      lng: language,
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      initAsync: false,
      showSupportNotice: false,
    });
    t = instance.t;
    instances.set(language, t);
  }
  return t;
}

/** A settings language ('it') or an OS locale ('it-IT', 'it_CH') as a catalogue language; English otherwise. */
export function languageOf(locale: string | null | undefined): Language {
  return typeof locale === 'string' && /^it(?:$|[-_])/i.test(locale) ? 'it' : 'en';
}

/** A translator for one language. */
export function translator(language: Language): Translate {
  const t = tFor(language);
  return (key, values) => t(key, values as Record<string, unknown>) as string;
}

/** Whether the catalogue has `key` (as itself or as plural forms). */
export function hasMessage(key: string): boolean {
  const t = tFor('en');
  return t(key, { count: 1, defaultValue: '\u0000' }) !== '\u0000' || t(key, { defaultValue: '\u0000' }) !== '\u0000';
}

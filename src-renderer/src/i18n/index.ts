import { createInstance, type i18n } from 'i18next';
import type { Language } from '../../../src-main/shared/domain';
import { LANGUAGES } from '../../../src-main/shared/languages';
import type { Catalogue } from '../../../src-main/shared/locales';
import { ApiError } from '../api/client';

export { LOCALES } from '../../../src-main/shared/format';

export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', it: 'Italiano' };

/** The catalogues this window has words from: the language shown, and any it switched to. */
export type Catalogues = Partial<Record<Language, Catalogue>>;

/**
 * Each language's catalogue (src-main/shared/locales) loads on its own when first shown: a
 * window carries the words of its language only, not every language's.
 */
const LOADERS: Record<Language, () => Promise<{ default: unknown }>> = {
  en: () => import('../../../src-main/shared/locales/en.json'),
  it: () => import('../../../src-main/shared/locales/it.json'),
};

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** The language to show before settings arrive: the OS language when we speak it. */
export function guessLanguage(): Language {
  const tag = navigator.language.slice(0, 2);
  return isLanguage(tag) ? tag : 'en';
}

/** `language`'s catalogue; a failure to load it is refused with `settings.languageFailed`. */
export async function loadCatalogue(language: Language): Promise<Catalogue> {
  try {
    return (await LOADERS[language]()).default as Catalogue;
  } catch {
    throw new ApiError('internal', 'settings.languageFailed', [], { language: LANGUAGE_NAMES[language] });
  }
}

/** Makes sure `instance` has the words of `language` before it is shown in it. */
export async function loadLanguage(instance: i18n, language: Language): Promise<void> {
  if (instance.hasResourceBundle(language, 'translation')) return;
  instance.addResourceBundle(language, 'translation', await loadCatalogue(language));
}

/** An i18next instance showing `language`, with the words of `catalogues` (which must hold it). */
export function createI18n(language: Language, catalogues: Catalogues): i18n {
  const instance = createInstance();
  // The catalogues are at hand, so init completes synchronously and the first render is translated.
  void instance.init({
    resources: Object.fromEntries(
      Object.entries(catalogues).map(([language, catalogue]) => [language, { translation: catalogue }]),
    ),
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  return instance;
}

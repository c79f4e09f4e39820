import { createInstance, type i18n } from 'i18next';
import { LANGUAGES, type Language } from '../../../src-main/shared/domain';
import { CATALOGUES } from '../../../src-main/shared/locales';

/** The shared catalogue (src-main/shared/locales): one file per language, the same keys in each. */
export const MESSAGES = CATALOGUES;

export { LOCALES } from '../../../src-main/shared/format';

export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', it: 'Italiano' };

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** The language to show before settings arrive: the OS language when we speak it. */
export function guessLanguage(): Language {
  const tag = navigator.language.slice(0, 2);
  return isLanguage(tag) ? tag : 'en';
}

export function createI18n(language: Language): i18n {
  const instance = createInstance();
  // Resources are bundled, so init completes synchronously and the first render is translated.
  void instance.init({
    resources: Object.fromEntries(LANGUAGES.map((language) => [language, { translation: MESSAGES[language] ?? {} }])),
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  return instance;
}

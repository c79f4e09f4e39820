import { useTranslation } from 'react-i18next';
import { formatFor, type Format } from '../../../src-main/shared/format';
import { isLanguage } from './index';

/** The shared formatter (src-main/shared/format.ts) in the app's current language. */
export type Formatters = Format;

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formatFor(isLanguage(i18n.language) ? i18n.language : 'en');
}

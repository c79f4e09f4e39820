import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Validation messages arrive as keys ('errors.required') from the shared schemas and from the
 * backend. A key we have no words for still shows something truthful rather than the raw key.
 */
export function useMessage(): (key: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (key: string) => (key.startsWith('errors.') && i18n.exists(key) ? t(key) : t('errors.invalid')),
    [t, i18n],
  );
}

import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** The keys a validation message may be: the common ones, and a feature's own refusals ('journal.errors.bodyTooLarge'). */
const MESSAGE_KEY = /^(?:errors|\w+\.errors)\./;

/**
 * Validation messages arrive as keys ('errors.required') from the shared schemas and from the
 * backend. A key we have no words for still shows something truthful rather than the raw key.
 */
export function useMessage(): (key: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (key: string) => (MESSAGE_KEY.test(key) && i18n.exists(key) ? t(key) : t('errors.invalid')),
    [t, i18n],
  );
}

import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** Why a call failed, in the user's words: the kind of failure, plus the backend's detail if any. */
export function useDescribeError(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) return t(`apiErrors.${error.code}`);
      return t('apiErrors.internal');
    },
    [t],
  );
}

/**
 * The backend's own words on a failure, or null: its message is a catalogue key with values
 * ('failures.fileExists') worded in the user's language, or (from older checks) plain text.
 */
export function useErrorDetail(): (error: unknown) => string | null {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError) || !error.message) return null;
      return i18n.exists(error.message) ? t(error.message, error.values) : error.message;
    },
    [t, i18n],
  );
}

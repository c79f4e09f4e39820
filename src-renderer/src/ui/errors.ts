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

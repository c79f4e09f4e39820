import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportIssue } from '../../../../src-main/features/imports/contract';

/**
 * An import problem in the user's language, from its message key and values: a schema's
 * `errors.*` key is the same text the forms show; the others live under `importIssues`.
 */
export function useIssueText(): (issue: ImportIssue) => string {
  const { t } = useTranslation();
  return useCallback(
    (issue: ImportIssue) => {
      const text = t(issue.key.startsWith('errors.') ? issue.key : `importIssues.${issue.key}`, issue.values);
      return issue.values.got === undefined ? text : `${text} ${t('importIssues.got', { value: issue.values.got })}`;
    },
    [t],
  );
}

import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportIssue, ImportKind } from '../../../../src-main/features/imports/contract';
import { fieldsOf } from '../../../../src-main/features/imports/contract';
import { useFormat } from '../../i18n/format';
import { useIssueText } from './issueText';

/** Enough to fix a file by; the rest are counted (and all are in the rejected-rows CSV). */
const SHOWN = 100;

/** The problems with their line and column, so the user can fix the file. */
export function IssueList({
  issues,
  total,
  kind,
}: {
  issues: readonly ImportIssue[];
  /** How many problems there are in all; `issues` may hold only the first ones. */
  total: number;
  kind: ImportKind;
}): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const describe = useIssueText();
  const fieldName = (field: string): string => (fieldsOf(kind).includes(field) ? t(`import.fields.${field}`) : field);
  return (
    <div className="import-issues" role="region" aria-label={t('import.issuesTitle')}>
      <h3>{t('import.issuesTitle')}</h3>
      <ul>
        {issues.slice(0, SHOWN).map((issue, i) => (
          <li key={`${issue.line}-${issue.field}-${i}`}>
            <span className="import-issue-where">
              {t('import.issueWhere', { line: format.number(issue.line), field: fieldName(issue.field) })}
              {issue.column !== null && issue.column !== '' && <span className="muted"> ({issue.column})</span>}
            </span>{' '}
            <span>{describe(issue)}</span>
          </li>
        ))}
      </ul>
      {total > Math.min(SHOWN, issues.length) && (
        <p className="muted">{t('import.moreIssues', { count: total - Math.min(SHOWN, issues.length) })}</p>
      )}
    </div>
  );
}

import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportPreview } from '../../../../src-main/features/imports/contract';
import { useFormat } from '../../i18n/format';
import { issuesByField, previewColumns } from './importModel';
import { useIssueText } from './issueText';
import { TableWrap } from '../../ui/TableWrap';

/**
 * The first rows as they will be read: one column per mapped field, the file's own text in
 * each cell, and a cell that will not read marked with its reason (as a tooltip for the
 * pointer and as the cell's accessible description for everyone else).
 */
export function PreviewTable({ kind, preview }: { kind: ImportKind; preview: ImportPreview }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const describe = useIssueText();
  const columns = previewColumns(kind, preview);
  return (
    // Wider than the window for most files: focusable and named, so the keyboard can scroll it.
    <TableWrap
      className="import-preview"
      tabIndex={0}
      role="region"
      aria-label={t('import.previewCaption', { count: preview.rows.length })}
    >
      <table className="table">
        <caption className="visually-hidden">{t('import.previewCaption', { count: preview.rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('import.line')}
            </th>
            {columns.map((column) => (
              <th key={column.field} scope="col">
                {t(`import.fields.${column.field}`)}
                <span className="cell-sub">{column.header}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => {
            const issues = issuesByField(row.errors);
            return (
              <tr key={row.line} className={row.errors.length > 0 ? 'row-invalid' : undefined}>
                <td className="num muted">{format.number(row.line)}</td>
                {columns.map((column) => {
                  const issue = issues.get(column.field);
                  const problem = issue ? describe(issue) : undefined;
                  return (
                    <td
                      key={column.field}
                      className={issue ? 'cell-invalid' : undefined}
                      title={problem}
                      aria-invalid={issue ? true : undefined}
                      aria-description={problem}
                    >
                      {row.cells[column.index] ?? ''}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { rowsName } from './reportModel';

/** "Goals 3 · Volume 12 · …": rows per section, in the report's order. */
export function RowsList({ rows }: { rows: Record<string, number> }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const keys = Object.keys(rows);
  return (
    <ul className="reports-rows" aria-label={t('reports.screen.rowsLabel')}>
      {keys.map((k) => (
        <li key={k}>
          <span>{rowsName(k, t)}</span> <strong>{format.number(rows[k]!)}</strong>
        </li>
      ))}
    </ul>
  );
}

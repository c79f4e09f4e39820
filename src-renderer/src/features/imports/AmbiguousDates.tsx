import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DateFormat, ImportPreview } from '../../../../src-main/features/imports/contract';
import { useFormat } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';

export interface AmbiguousDatesProps {
  rows: ImportPreview['ambiguousDates'];
  /** The format in use; null while the user still has to choose. */
  chosen: DateFormat | null;
  onDateFormat: (format: DateFormat) => void;
}

/**
 * Dates such as 03/04/2026 read as two different days. Rather than guess, the wizard shows
 * the rows that would differ, each read both ways, and lets the user pick the reading.
 */
export function AmbiguousDates({ rows, chosen, onDateFormat }: AmbiguousDatesProps): ReactElement | null {
  const { t } = useTranslation();
  const format = useFormat();
  if (rows.length === 0) return null;
  return (
    <section className="card panel" aria-labelledby="import-dates">
      <h2 id="import-dates">{t('import.ambiguousTitle')}</h2>
      <p className="muted">{t('import.ambiguousText', { count: rows.length })}</p>
      <div className="segmented" role="radiogroup" aria-labelledby="import-dates">
        {(['dd/MM/yyyy', 'MM/dd/yyyy'] as const).map((dateFormat) => (
          <label key={dateFormat} className="segment">
            <input
              type="radio"
              name="import-date-format"
              checked={chosen === dateFormat}
              onChange={() => onDateFormat(dateFormat)}
            />
            <span>{t(dateFormat === 'dd/MM/yyyy' ? 'import.dayFirst' : 'import.monthFirst')}</span>
          </label>
        ))}
      </div>
      <DataTable
        className="import-dates"
        columns={[
          { label: t('import.line'), num: true },
          { label: t('import.inFile') },
          { label: t('import.dayFirst') },
          { label: t('import.monthFirst') },
        ]}
      >
        {rows.map((row) => (
          <tr key={row.line}>
            <td className="num">{format.number(row.line)}</td>
            <td className="mono">{row.value}</td>
            <td className={chosen === 'dd/MM/yyyy' ? 'strong' : undefined}>{format.date(row.dayFirst)}</td>
            <td className={chosen === 'MM/dd/yyyy' ? 'strong' : undefined}>{format.date(row.monthFirst)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

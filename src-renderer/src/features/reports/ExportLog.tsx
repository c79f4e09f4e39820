import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReportLogEntry } from '../../../../src-main/features/reports/contract';
import { localIsoDate } from '../../../../src-main/shared/dates';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { Icon } from '../../ui/icons';
import { QueryView } from '../../ui/QueryView';
import { RowsList } from './RowsList';
import { optionsInWords } from './reportModel';

/** How many exports Settings lists (report.log gives the newest first). */
const SHOWN = 50;

/** Settings' record of every report that left the machine: when, which period, how, where, how much. */
export function ExportLog(): ReactElement {
  const { t } = useTranslation();
  const log = useQuery('report.log', { limit: SHOWN }, []);
  return (
    <section className="card settings-section" aria-labelledby="settings-export-log">
      <h2 id="settings-export-log">{t('settings.exportLog.title')}</h2>
      <p className="muted">{t('settings.exportLog.hint')}</p>
      <QueryView query={log} failedTitle={t('settings.exportLog.failed')}>
        {(entries) =>
          entries.length === 0 ? (
            <p className="export-log-empty">
              {t('settings.exportLog.empty')}{' '}
              <Link to="/reports">
                <Icon name="file" />
                {t('settings.exportLog.makeOne')}
              </Link>
            </p>
          ) : (
            <ol className="export-log" aria-label={t('settings.exportLog.title')}>
              {entries.map((entry) => (
                <LogEntry key={entry.id} entry={entry} />
              ))}
            </ol>
          )
        }
      </QueryView>
    </section>
  );
}

function LogEntry({ entry }: { entry: ReportLogEntry }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const when = new Date(entry.createdAt);
  const time = new Intl.DateTimeFormat(format.locale, { hour: '2-digit', minute: '2-digit' }).format(when);
  return (
    <li className="export-log-entry">
      <div className="export-log-head">
        <strong>{format.range(entry.from, entry.to)}</strong>
        <span className="badge">{t(`reports.screen.output.formats.${entry.format}`)}</span>
        <time dateTime={entry.createdAt} className="muted">
          {t('settings.exportLog.when', { date: format.date(localIsoDate(when)), time })}
        </time>
      </div>
      <p className="export-log-options">{optionsInWords(entry.options, entry.format, t)}</p>
      <p className="mono selectable export-log-file">{entry.file}</p>
      <RowsList rows={entry.rows} />
    </li>
  );
}

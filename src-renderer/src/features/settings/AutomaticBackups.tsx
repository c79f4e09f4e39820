import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { AutomaticBackup } from '../../../../src-main/features/backups/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { fileName } from '../../ui/fileName';

/** "84 KB", "12.5 MB" in the seller's language. */
function sizeText(bytes: number, locale: string): string {
  const [value, unit] = bytes < 1024 * 1024 ? [Math.max(1, bytes / 1024), 'kilobyte'] : [bytes / 1024 ** 2, 'megabyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/**
 * Settings → Your data → Automatic backups: the copies made before upgrades, imports and
 * restores and once a day (features/backups), newest first, each restorable in two clicks:
 * Restore, then a confirmation saying the current data is kept as a backup too. Refetched when
 * sales or customers change (an import adds a backup).
 */
export function AutomaticBackups({ busy, onBusy }: { busy: boolean; onBusy: (busy: boolean) => void }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const backups = useQuery('data.backups.list', {}, ['sales', 'customers']);
  const [chosen, setChosen] = useState<AutomaticBackup | null>(null);

  const when = (backup: AutomaticBackup): string => format.dateTime(backup.createdAt);
  const contents = (backup: AutomaticBackup): string =>
    backup.sales === null || backup.customers === null
      ? t('data.automatic.unreadable')
      : new Intl.ListFormat(format.locale, { type: 'conjunction' }).format([
          t('data.kinds.sales', { count: backup.sales, formatted: format.number(backup.sales) }),
          t('data.kinds.customers', { count: backup.customers, formatted: format.number(backup.customers) }),
        ]);

  const restore = async (backup: AutomaticBackup): Promise<void> => {
    setChosen(null);
    onBusy(true);
    try {
      // The app relaunches on the restored file; the preview reopens it and says data changed.
      const result = await api.call('data.backups.restore', { id: backup.id });
      notify.success(result.previousSavedAs ? 'data.restored' : 'data.restoredFresh', {
        file: when(backup),
        previous: result.previousSavedAs ? fileName(result.previousSavedAs) : '',
      });
    } catch (failure) {
      notify.error('data.automatic.failed', failure);
    } finally {
      onBusy(false);
    }
  };

  return (
    <div className="automatic-backups">
      <h3 id="automatic-backups">{t('data.automatic.title')}</h3>
      <p className="muted">{t('data.automatic.hint')}</p>
      {backups.error !== undefined && <p className="muted">{t('data.automatic.loadFailed')}</p>}
      {backups.data?.length === 0 && <p className="muted">{t('data.automatic.empty')}</p>}
      {backups.data !== undefined && backups.data.length > 0 && (
        <DataTable
          className="backups-table"
          aria-labelledby="automatic-backups"
          columns={[
            { label: t('data.automatic.date'), className: 'col-fit' },
            { label: t('data.automatic.reason') },
            { label: t('data.automatic.contents') },
            { label: t('data.automatic.size'), num: true, className: 'col-fit' },
            { label: t('data.automatic.actions'), hidden: true, className: 'col-fit' },
          ]}
        >
          {backups.data.map((backup) => (
            <tr key={backup.id}>
              <td className="col-fit">{when(backup)}</td>
              <td>{t(`backups.reasons.${backup.reason}`)}</td>
              <td>{contents(backup)}</td>
              <td className="num col-fit">{sizeText(backup.bytes, format.locale)}</td>
              <td className="col-fit">
                <button
                  type="button"
                  className="btn btn-compact"
                  disabled={busy}
                  aria-label={t('data.automatic.restoreLabel', { date: when(backup) })}
                  onClick={() => setChosen(backup)}
                >
                  <Icon name="upload" />
                  {t('data.automatic.restore')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {chosen && (
        <ConfirmDialog
          title={t('data.automatic.confirmTitle', { date: when(chosen) })}
          message={t('data.automatic.confirmText', { contents: contents(chosen) })}
          confirmLabel={t('data.automatic.confirm')}
          busy={busy}
          onConfirm={() => void restore(chosen)}
          onCancel={() => setChosen(null)}
        />
      )}
    </div>
  );
}

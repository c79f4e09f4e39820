import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CSV_DIALECTS, CsvDialect, dialectFor, type ExportKind } from '../../../../src-main/features/exchange/contract';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../i18n/format';
import { fileName } from '../../ui/fileName';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { useSettings } from './SettingsProvider';

type Action = 'export-sales' | 'export-customers' | 'backup' | 'restore';

/**
 * Getting data in and out: import, CSV exports, a backup of everything, and restoring one.
 * Every path comes from the native dialog (main refuses any other), and the dialog has
 * already asked before replacing a file, so writes here overwrite.
 */
export function DataSection(): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const [busy, setBusy] = useState<Action | null>(null);
  const [confirmRestore, setConfirmRestore] = useState(false);
  // Not kept: the next visit starts again from what the seller's language expects.
  const [dialect, setDialect] = useState<CsvDialect>(dialectFor(useSettings().settings.language));

  const perform = async (action: Action, work: () => Promise<void>): Promise<void> => {
    setBusy(action);
    try {
      await work();
    } catch (failure) {
      notify.error(`data.failed.${action}`, failure);
    } finally {
      setBusy(null);
    }
  };

  const exportCsv = (kind: ExportKind): Promise<void> =>
    perform(`export-${kind}`, async () => {
      const { path } = await api.call('dialog.saveFile', { purpose: `export-${kind}` });
      if (path === null) return;
      const result = await api.call('data.export', { kind, path, overwrite: true, dialect });
      notify.success(`data.exported.${kind}`, {
        count: result.rows,
        formatted: format.number(result.rows),
        file: fileName(result.path),
      });
    });

  const backup = (): Promise<void> =>
    perform('backup', async () => {
      const { path } = await api.call('dialog.saveFile', { purpose: 'backup' });
      if (path === null) return;
      const result = await api.call('data.backup', { path, overwrite: true });
      notify.success('data.backedUp', { file: fileName(result.path) });
    });

  const restore = (): Promise<void> =>
    perform('restore', async () => {
      setConfirmRestore(false);
      const { path } = await api.call('dialog.openFile', { purpose: 'restore' });
      if (path === null) return;
      // The app relaunches on the restored file; the preview reopens it and says data changed.
      const result = await api.call('data.restore', { path });
      notify.success(result.previousSavedAs ? 'data.restored' : 'data.restoredFresh', {
        file: fileName(result.restoredFrom),
        previous: result.previousSavedAs ?? '',
      });
    });

  const row = (action: Action, icon: 'download' | 'database' | 'upload', onClick: () => void): ReactElement => (
    <div className="setting-row">
      <div className="setting-text">
        <span className="setting-label">{t(`data.${action}.title`)}</span>
        <p>{t(`data.${action}.hint`)}</p>
      </div>
      <button type="button" className="btn" onClick={onClick} disabled={busy !== null}>
        <Icon name={icon} />
        {t(`data.${action}.button`)}
      </button>
    </div>
  );

  return (
    <section className="card settings-section" aria-labelledby="settings-data">
      <h2 id="settings-data">{t('data.title')}</h2>
      <div className="setting-row">
        <div className="setting-text">
          <span className="setting-label">{t('data.import.title')}</span>
          <p>{t('data.import.hint')}</p>
        </div>
        <Link className="btn" to="/import">
          <Icon name="upload" />
          {t('data.import.button')}
        </Link>
      </div>
      <div className="setting-row">
        <div className="setting-text">
          <label className="setting-label" htmlFor="export-dialect">
            {t('data.csv.title')}
          </label>
          <p>{t('data.csv.hint')}</p>
        </div>
        <select
          id="export-dialect"
          className="select select-compact select-fit"
          value={dialect}
          onChange={(e) => setDialect(CsvDialect.parse(e.target.value))}
        >
          {CSV_DIALECTS.map((option) => (
            <option key={option} value={option}>
              {t(`data.csv.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {row('export-sales', 'download', () => void exportCsv('sales'))}
      {row('export-customers', 'download', () => void exportCsv('customers'))}
      {row('backup', 'database', () => void backup())}
      {row('restore', 'upload', () => setConfirmRestore(true))}
      {confirmRestore && (
        <ConfirmDialog
          title={t('data.restore.confirmTitle')}
          message={t('data.restore.confirmText')}
          confirmLabel={t('data.restore.confirm')}
          onConfirm={() => void restore()}
          onCancel={() => setConfirmRestore(false)}
        />
      )}
    </section>
  );
}

import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CSV_DIALECTS,
  dialectFor,
  type CsvDialect,
  type ExportKind,
} from '../../../../src-main/features/exchange/contract';
import { onboardingOps, type DataCounts } from '../../../../src-main/features/onboarding/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { fileName } from '../../ui/fileName';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Select } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { SettingRow } from '../../ui/SettingRow';
import { AutomaticBackups } from './AutomaticBackups';
import { useSettings } from './SettingsProvider';

type Action = 'export-sales' | 'export-customers' | 'backup' | 'restore' | 'removeSample' | 'startAfresh';
/** The two removals: of the sample rows, and of everything (a fresh start). */
type Removal = 'removeSample' | 'startAfresh';

const total = (counts: DataCounts): number => Object.values(counts).reduce((sum, n) => sum + n, 0);

/**
 * Getting data in and out: import, CSV exports, a backup of everything, and restoring one.
 * Every path comes from the native dialog (main refuses any other), and the dialog has
 * already asked before replacing a file, so writes here overwrite. And taking data out: the
 * sample data (offered only while there is some), or everything for a fresh start, each after
 * a confirmation that says how many of what will go.
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
  const [confirmRemoval, setConfirmRemoval] = useState<Removal | null>(null);
  // The counts change with whatever a fresh start would remove.
  const counts = useQuery('onboarding.dataCounts', {}, onboardingOps['onboarding.startAfresh'].writes);

  /** "1,500 sales, 375 customers and 8 products": the kinds there are any of, in the language's list style. */
  const describe = (of: DataCounts): string =>
    new Intl.ListFormat(format.locale, { type: 'conjunction' }).format(
      (Object.keys(of) as (keyof DataCounts)[])
        .filter((kind) => of[kind] > 0)
        .map((kind) => t(`data.kinds.${kind}`, { count: of[kind], formatted: format.number(of[kind]) })),
    );

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

  const remove = (removal: Removal): Promise<void> =>
    perform(removal, async () => {
      setConfirmRemoval(null);
      const removed =
        removal === 'removeSample'
          ? await api.call('onboarding.removeSample', {})
          : await api.call('onboarding.startAfresh', { confirm: 'remove-everything' });
      notify.success(`data.${removal}.done`, { counts: describe(removed) });
    });

  const row = (
    action: Action,
    icon: 'download' | 'database' | 'upload' | 'trash',
    onClick: () => void,
  ): ReactElement => (
    <SettingRow title={t(`data.${action}.title`)} hint={t(`data.${action}.hint`)}>
      <button type="button" className="btn" onClick={onClick} disabled={busy !== null}>
        <Icon name={icon} />
        {t(`data.${action}.button`)}
      </button>
    </SettingRow>
  );

  return (
    <section className="card settings-section" aria-labelledby="settings-data">
      <h2 id="settings-data">{t('data.title')}</h2>
      <SettingRow title={t('data.import.title')} hint={t('data.import.hint')}>
        <Link className="btn" to="/import">
          <Icon name="upload" />
          {t('data.import.button')}
        </Link>
      </SettingRow>
      <SettingRow title={t('data.csv.title')} hint={t('data.csv.hint')} htmlFor="export-dialect">
        <Select
          id="export-dialect"
          className="select-compact select-fit"
          value={dialect}
          onChange={setDialect}
          options={CSV_DIALECTS.map((option) => ({ value: option, label: t(`data.csv.${option}`) }))}
        />
      </SettingRow>
      {row('export-sales', 'download', () => void exportCsv('sales'))}
      {row('export-customers', 'download', () => void exportCsv('customers'))}
      {row('backup', 'database', () => void backup())}
      {row('restore', 'upload', () => setConfirmRestore(true))}
      <AutomaticBackups busy={busy !== null} onBusy={(on) => setBusy(on ? 'restore' : null)} />
      {counts.data &&
        total(counts.data.sample) > 0 &&
        row('removeSample', 'trash', () => setConfirmRemoval('removeSample'))}
      {counts.data && total(counts.data.all) > 0 && row('startAfresh', 'trash', () => setConfirmRemoval('startAfresh'))}
      {confirmRemoval && counts.data && (
        <ConfirmDialog
          title={t(`data.${confirmRemoval}.confirmTitle`)}
          message={t(`data.${confirmRemoval}.confirmText`, {
            counts: describe(confirmRemoval === 'removeSample' ? counts.data.sample : counts.data.all),
          })}
          confirmLabel={t(`data.${confirmRemoval}.confirm`)}
          busy={busy !== null}
          onConfirm={() => void remove(confirmRemoval)}
          onCancel={() => setConfirmRemoval(null)}
        />
      )}
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

import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiProvider';
import { useQuery } from '../api/useQuery';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Icon } from '../ui/icons';
import { useNotify } from '../ui/Notifications';

/**
 * Over every screen while the database failed its check at start and is open read-only
 * (app.info `damaged`): says so, and offers the newest automatic backup that passes a restore's
 * checks, restored after a confirmation (the damaged file is kept as a backup).
 */
export function DamagedBanner(): ReactElement | null {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const info = useQuery('app.info', {}, []);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const damaged = info.data?.damaged;
  if (!damaged) return null;
  const id = damaged.newestGoodBackup;

  const restore = async (backup: string): Promise<void> => {
    setConfirming(false);
    setBusy(true);
    try {
      // The app relaunches on the restored file; the preview reopens it and says data changed.
      await api.call('data.backups.restore', { id: backup });
    } catch (failure) {
      notify.error('app.damaged.failed', failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="notice notice-warning damaged-banner" role="alert">
      <Icon name="alert" />
      <p>
        <strong>{t('app.damaged.title')}</strong> {t(id ? 'app.damaged.text' : 'app.damaged.noBackup')}
      </p>
      {id && (
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => setConfirming(true)}>
          {t('app.damaged.restore')}
        </button>
      )}
      {confirming && id && (
        <ConfirmDialog
          title={t('app.damaged.confirmTitle')}
          message={t('app.damaged.confirmText')}
          confirmLabel={t('app.damaged.confirm')}
          onConfirm={() => void restore(id)}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
